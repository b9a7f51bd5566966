// Replays the fuzz corpus through the harness without libFuzzer:
//   parse_fuzz_replay DIR_OR_FILE...
// Every file is one input; a failed check aborts the run.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv)
{
	namespace fs = std::filesystem;
	std::vector<fs::path> inputs;
	for (int i = 1; i < argc; ++i) {
		fs::path arg = argv[i];
		if (fs::is_directory(arg)) {
			for (const auto& entry : fs::recursive_directory_iterator(arg))
				if (entry.is_regular_file())
					inputs.push_back(entry.path());
		} else {
			inputs.push_back(arg);
		}
	}
	if (inputs.empty()) {
		std::cerr << "parse_fuzz_replay: no inputs\n";
		return 1;
	}
	for (const fs::path& input : inputs) {
		std::ifstream in(input, std::ios::binary);
		std::string data((std::istreambuf_iterator<char>(in)),
				 std::istreambuf_iterator<char>());
		LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()),
				       data.size());
	}
	std::cout << "replayed " << inputs.size() << " inputs\n";
	return 0;
}
