// SHA-256 (FIPS 180-4), for cache keys: the module cache and the per-kernel
// cache name their entries by the digest of everything that went into them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace stap
{

class Sha256
{
public:
	Sha256();

	void update(const void* data, std::size_t size);
	void update(std::string_view text) { update(text.data(), text.size()); }
	// A field with its length in front, so that ("ab","c") and ("a","bc")
	// hash differently.
	void field(std::string_view text);

	// The digest; the object must not be used afterwards.
	std::array<std::uint8_t, 32> finish();
	// The digest as 64 lowercase hex digits.
	std::string hex();

private:
	void block(const std::uint8_t* p);

	std::array<std::uint32_t, 8> h_;
	std::array<std::uint8_t, 64> buf_{};
	std::size_t used_ = 0;
	std::uint64_t length_ = 0; // bytes hashed so far
};

// The hex SHA-256 of a string.
std::string sha256_hex(std::string_view text);

} // namespace stap
