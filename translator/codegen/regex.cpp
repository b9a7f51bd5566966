// The regex compiler: pattern -> syntax tree -> Thompson NFA (with `^`/`$`
// as assertion edges) -> DFA by subset construction for an unanchored
// search -> minimal DFA -> byte classes merged by identical columns.
#include "codegen/regex.h"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <map>
#include <sstream>

namespace stap::codegen
{

namespace
{

using ByteSet = std::bitset<256>;

// ---- Syntax tree ------------------------------------------------------------

struct ReNode {
	enum class Kind : std::uint8_t { Empty, Set, Begin, End, Concat, Alt, Repeat };
	Kind kind = Kind::Empty;
	ByteSet set;           // Set
	std::vector<int> kids; // Concat, Alt; Repeat has one
	std::size_t min = 0;   // Repeat
	std::size_t max = 0;   // Repeat; kUnbounded for no upper bound
};
constexpr std::size_t kUnbounded = static_cast<std::size_t>(-1);

struct ParseFailure {
	std::string message;
};

class ReParser
{
public:
	explicit ReParser(std::string_view p) : p_(p) {}

	int parse()
	{
		int root = alternation();
		if (pos_ < p_.size()) // only a stray ')' stops alternation early
			fail("unmatched ')'");
		return root;
	}
	std::vector<ReNode> nodes;

private:
	[[noreturn]] void fail(const std::string& what) const
	{
		throw ParseFailure{what + " at offset " + std::to_string(pos_)};
	}
	bool at_end() const { return pos_ >= p_.size(); }
	char peek() const { return p_[pos_]; }

	int add(ReNode n)
	{
		nodes.push_back(std::move(n));
		return static_cast<int>(nodes.size() - 1);
	}
	int set_node(const ByteSet& s)
	{
		ReNode n;
		n.kind = ReNode::Kind::Set;
		n.set = s;
		return add(std::move(n));
	}

	int alternation()
	{
		ReNode alt;
		alt.kind = ReNode::Kind::Alt;
		alt.kids.push_back(branch());
		while (!at_end() && peek() == '|') {
			++pos_;
			alt.kids.push_back(branch());
		}
		return alt.kids.size() == 1 ? alt.kids[0] : add(std::move(alt));
	}

	int branch()
	{
		ReNode cat;
		cat.kind = ReNode::Kind::Concat;
		while (!at_end() && peek() != '|' && peek() != ')')
			cat.kids.push_back(piece());
		if (cat.kids.empty())
			return add(ReNode{});
		return cat.kids.size() == 1 ? cat.kids[0] : add(std::move(cat));
	}

	int piece()
	{
		int atom_node = atom();
		while (!at_end()) {
			std::size_t lo = 0, hi = 0;
			char c = peek();
			if (c == '*') {
				lo = 0, hi = kUnbounded;
				++pos_;
			} else if (c == '+') {
				lo = 1, hi = kUnbounded;
				++pos_;
			} else if (c == '?') {
				lo = 0, hi = 1;
				++pos_;
			} else if (c == '{') {
				interval(lo, hi);
			} else {
				break;
			}
			if (nodes[static_cast<std::size_t>(atom_node)].kind ==
				    ReNode::Kind::Begin ||
			    nodes[static_cast<std::size_t>(atom_node)].kind == ReNode::Kind::End)
				fail("a repetition cannot apply to an anchor");
			ReNode rep;
			rep.kind = ReNode::Kind::Repeat;
			rep.kids.push_back(atom_node);
			rep.min = lo;
			rep.max = hi;
			atom_node = add(std::move(rep));
		}
		return atom_node;
	}

	std::size_t number()
	{
		std::size_t v = 0;
		std::size_t start = pos_;
		while (!at_end() && std::isdigit(static_cast<unsigned char>(peek())) != 0) {
			v = v * 10 + static_cast<std::size_t>(peek() - '0');
			if (v > kRegexMaxRepeat)
				fail("repetition count above " + std::to_string(kRegexMaxRepeat));
			++pos_;
		}
		if (pos_ == start)
			return kUnbounded; // no digits
		return v;
	}

	// {m} {m,} {m,n} {,n}
	void interval(std::size_t& lo, std::size_t& hi)
	{
		++pos_; // {
		std::size_t m = number();
		std::size_t n = m;
		if (!at_end() && peek() == ',') {
			++pos_;
			n = number();
			if (m == kUnbounded)
				m = 0;
		} else if (m == kUnbounded) {
			fail("invalid repetition count in '{'");
		}
		if (at_end() || peek() != '}')
			fail("unmatched '{'");
		++pos_;
		if (n != kUnbounded && n < m)
			fail("invalid repetition count range {" + std::to_string(m) + "," +
			     std::to_string(n) + "}");
		lo = m;
		hi = n;
	}

	static ByteSet any_byte()
	{
		ByteSet s;
		s.set();
		s.reset(0); // strings end at NUL
		return s;
	}
	static ByteSet byte(unsigned char c)
	{
		ByteSet s;
		s.set(c);
		return s;
	}

	int atom()
	{
		char c = peek();
		switch (c) {
		case '(': {
			std::size_t open = pos_++;
			int inner = (!at_end() && peek() == ')') ? add(ReNode{}) : alternation();
			if (at_end() || peek() != ')') {
				pos_ = open;
				fail("unmatched '('");
			}
			++pos_;
			return inner;
		}
		case '[':
			++pos_;
			return set_node(bracket());
		case '.':
			++pos_;
			return set_node(any_byte());
		case '^':
			++pos_;
			return add(ReNode{ReNode::Kind::Begin, {}, {}, 0, 0});
		case '$':
			++pos_;
			return add(ReNode{ReNode::Kind::End, {}, {}, 0, 0});
		case '*':
		case '+':
		case '?':
		case '{':
			fail(std::string("nothing to repeat before '") + c + "'");
		case '\\':
			++pos_;
			return set_node(escape());
		default:
			++pos_;
			return set_node(byte(static_cast<unsigned char>(c)));
		}
	}

	ByteSet escape()
	{
		if (at_end())
			fail("trailing backslash");
		char c = p_[pos_++];
		if (c >= '1' && c <= '9')
			fail("back-references are not supported");
		switch (c) {
		case 'w':
		case 'W': {
			ByteSet s = named_class("alnum");
			s.set('_');
			return c == 'w' ? s : complement(s);
		}
		case 's':
			return named_class("space");
		case 'S':
			return complement(named_class("space"));
		case 'b':
		case 'B':
		case '<':
		case '>':
		case '`':
		case '\'':
			--pos_;
			fail(std::string("the anchor '\\") + c + "' is not supported");
		default:
			return byte(static_cast<unsigned char>(c));
		}
	}

	static ByteSet complement(ByteSet s)
	{
		s.flip();
		s.reset(0);
		return s;
	}

	ByteSet named_class(std::string_view name) const
	{
		ByteSet s;
		for (int b = 1; b < 128; ++b) {
			bool in = false;
			if (name == "alpha")
				in = std::isalpha(b) != 0;
			else if (name == "digit")
				in = std::isdigit(b) != 0;
			else if (name == "alnum")
				in = std::isalnum(b) != 0;
			else if (name == "upper")
				in = std::isupper(b) != 0;
			else if (name == "lower")
				in = std::islower(b) != 0;
			else if (name == "space")
				in = std::isspace(b) != 0;
			else if (name == "blank")
				in = b == ' ' || b == '\t';
			else if (name == "punct")
				in = std::ispunct(b) != 0;
			else if (name == "print")
				in = std::isprint(b) != 0;
			else if (name == "graph")
				in = std::isgraph(b) != 0;
			else if (name == "cntrl")
				in = std::iscntrl(b) != 0;
			else if (name == "xdigit")
				in = std::isxdigit(b) != 0;
			else
				fail("unknown character class '[:" + std::string(name) + ":]'");
			if (in)
				s.set(static_cast<std::size_t>(b));
		}
		return s;
	}

	// After '['; consumes through ']'.
	ByteSet bracket()
	{
		std::size_t open = pos_ - 1;
		bool negate = false;
		if (!at_end() && peek() == '^') {
			negate = true;
			++pos_;
		}
		ByteSet s;
		bool first = true;
		for (;;) {
			if (at_end()) {
				pos_ = open;
				fail("unmatched '['");
			}
			char c = peek();
			if (c == ']' && !first) {
				++pos_;
				break;
			}
			first = false;
			if (c == '[' && pos_ + 1 < p_.size() &&
			    (p_[pos_ + 1] == ':' || p_[pos_ + 1] == '.' || p_[pos_ + 1] == '=')) {
				char kind = p_[pos_ + 1];
				if (kind != ':')
					fail(std::string("'[") + kind +
					     "' in a bracket expression is not supported");
				std::size_t end = p_.find(":]", pos_ + 2);
				if (end == std::string_view::npos)
					fail("unterminated '[:' in a bracket expression");
				s |= named_class(p_.substr(pos_ + 2, end - pos_ - 2));
				pos_ = end + 2;
				continue;
			}
			++pos_;
			auto lo = static_cast<unsigned char>(c);
			if (pos_ + 1 < p_.size() && peek() == '-' && p_[pos_ + 1] != ']') {
				++pos_;
				auto hi = static_cast<unsigned char>(peek());
				if (hi == '[' && pos_ + 1 < p_.size() &&
				    (p_[pos_ + 1] == '.' || p_[pos_ + 1] == '=' ||
				     p_[pos_ + 1] == ':'))
					fail("a range cannot end in a class");
				++pos_;
				if (hi < lo)
					fail("invalid range end");
				for (unsigned v = lo; v <= hi; ++v)
					s.set(v);
				continue;
			}
			s.set(lo);
		}
		s.reset(0);
		return negate ? complement(s) : s;
	}

	std::string_view p_;
	std::size_t pos_ = 0;
};

// ---- NFA ----------------------------------------------------------------------

struct NfaState {
	std::vector<int> eps;
	std::vector<std::pair<int, int>> chars; // (index into Nfa::sets, target)
	int begin_target = -1;                  // `^` edge
	int end_target = -1;                    // `$` edge
};

struct Nfa {
	std::vector<NfaState> states;
	std::vector<ByteSet> sets;
	int start = 0;
	int match = 0;

	int add()
	{
		if (states.size() >= kRegexMaxNfa)
			throw ParseFailure{"regular expression too large (over " +
					   std::to_string(kRegexMaxNfa) + " states)"};
		states.emplace_back();
		return static_cast<int>(states.size() - 1);
	}

	// Appends node's machine after `from`; returns its exit state.
	int build(const std::vector<ReNode>& nodes, int node, int from)
	{
		const ReNode& n = nodes[static_cast<std::size_t>(node)];
		switch (n.kind) {
		case ReNode::Kind::Empty:
			return from;
		case ReNode::Kind::Set: {
			int to = add();
			sets.push_back(n.set);
			states[static_cast<std::size_t>(from)].chars.emplace_back(
				static_cast<int>(sets.size() - 1), to);
			return to;
		}
		case ReNode::Kind::Begin:
		case ReNode::Kind::End: {
			int to = add();
			if (n.kind == ReNode::Kind::Begin)
				states[static_cast<std::size_t>(from)].begin_target = to;
			else
				states[static_cast<std::size_t>(from)].end_target = to;
			return to;
		}
		case ReNode::Kind::Concat:
			for (int k : n.kids)
				from = build(nodes, k, from);
			return from;
		case ReNode::Kind::Alt: {
			int out = add();
			for (int k : n.kids) {
				int in = add();
				states[static_cast<std::size_t>(from)].eps.push_back(in);
				int e = build(nodes, k, in);
				states[static_cast<std::size_t>(e)].eps.push_back(out);
			}
			return out;
		}
		case ReNode::Kind::Repeat: {
			int cur = from;
			for (std::size_t i = 0; i < n.min; ++i)
				cur = build(nodes, n.kids[0], cur);
			if (n.max == kUnbounded) {
				int loop = add();
				states[static_cast<std::size_t>(cur)].eps.push_back(loop);
				int e = build(nodes, n.kids[0], loop);
				states[static_cast<std::size_t>(e)].eps.push_back(loop);
				return loop;
			}
			for (std::size_t i = n.min; i < n.max; ++i) {
				int out = add();
				states[static_cast<std::size_t>(cur)].eps.push_back(out);
				int e = build(nodes, n.kids[0], cur);
				states[static_cast<std::size_t>(e)].eps.push_back(out);
				cur = out;
			}
			return cur;
		}
		}
		return from;
	}
};

// ---- DFA ----------------------------------------------------------------------

using StateSet = std::vector<int>; // sorted NFA state numbers

StateSet closure(const Nfa& nfa, const StateSet& seeds, bool at_start, bool at_end)
{
	std::vector<char> seen(nfa.states.size(), 0);
	std::vector<int> stack;
	for (int s : seeds)
		if (seen[static_cast<std::size_t>(s)] == 0) {
			seen[static_cast<std::size_t>(s)] = 1;
			stack.push_back(s);
		}
	StateSet out;
	while (!stack.empty()) {
		int s = stack.back();
		stack.pop_back();
		out.push_back(s);
		const NfaState& st = nfa.states[static_cast<std::size_t>(s)];
		auto visit = [&](int t) {
			if (t >= 0 && seen[static_cast<std::size_t>(t)] == 0) {
				seen[static_cast<std::size_t>(t)] = 1;
				stack.push_back(t);
			}
		};
		for (int t : st.eps)
			visit(t);
		if (at_start)
			visit(st.begin_target);
		if (at_end)
			visit(st.end_target);
	}
	std::sort(out.begin(), out.end());
	return out;
}

bool contains(const StateSet& s, int v)
{
	return std::binary_search(s.begin(), s.end(), v);
}

// Partitions the bytes 1..255 so that every NFA byte set is a union of
// classes; returns byte -> class and one representative byte per class.
std::vector<std::uint8_t> byte_classes(const Nfa& nfa, std::vector<int>& representative)
{
	std::map<std::vector<bool>, int> by_signature;
	std::vector<std::uint8_t> cls(256, 0);
	representative.clear();
	for (int b = 0; b < 256; ++b) {
		std::vector<bool> sig(nfa.sets.size());
		for (std::size_t i = 0; i < nfa.sets.size(); ++i)
			sig[i] = nfa.sets[i].test(static_cast<std::size_t>(b));
		auto [it, inserted] = by_signature.emplace(std::move(sig),
							   static_cast<int>(representative.size()));
		if (inserted)
			representative.push_back(b);
		cls[static_cast<std::size_t>(b)] = static_cast<std::uint8_t>(it->second);
	}
	return cls;
}

RegexDfa subset_construction(const Nfa& nfa)
{
	std::vector<int> rep;
	std::vector<std::uint8_t> cls = byte_classes(nfa, rep);
	const auto nclasses = static_cast<std::uint32_t>(rep.size());

	std::vector<StateSet> dstates;
	std::map<StateSet, int> index;
	std::vector<std::uint32_t> next;
	std::vector<std::uint8_t> flags;

	auto flags_of = [&](const StateSet& s, bool initial) {
		std::uint8_t f = 0;
		if (contains(s, nfa.match))
			f |= RegexDfa::kAccept;
		else if (contains(closure(nfa, s, initial, true), nfa.match))
			f |= RegexDfa::kAcceptAtEnd;
		return f;
	};
	// The start state is never shared: only there do `^` edges hold.
	dstates.push_back(closure(nfa, {nfa.start}, true, false));
	flags.push_back(flags_of(dstates[0], true));
	for (std::size_t d = 0; d < dstates.size(); ++d) {
		if (dstates.size() > kRegexMaxStates)
			throw ParseFailure{"regular expression too complex (over " +
					   std::to_string(kRegexMaxStates) + " DFA states)"};
		for (std::uint32_t c = 0; c < nclasses; ++c) {
			if (flags[d] & RegexDfa::kAccept) { // absorbing: the search is over
				next.push_back(static_cast<std::uint32_t>(d));
				continue;
			}
			StateSet moved{nfa.start}; // a new attempt starts at every position
			for (int s : dstates[d])
				for (auto [set, target] :
				     nfa.states[static_cast<std::size_t>(s)].chars)
					if (nfa.sets[static_cast<std::size_t>(set)].test(
						    static_cast<std::size_t>(rep[c])))
						moved.push_back(target);
			std::sort(moved.begin(), moved.end());
			moved.erase(std::unique(moved.begin(), moved.end()), moved.end());
			StateSet t = closure(nfa, moved, false, false);
			auto it = index.find(t);
			if (it == index.end()) {
				flags.push_back(flags_of(t, false));
				dstates.push_back(t);
				it = index.emplace(std::move(t),
						   static_cast<int>(dstates.size() - 1))
					     .first;
			}
			next.push_back(static_cast<std::uint32_t>(it->second));
		}
	}

	// Dead states: no accepting state is reachable from them.
	const std::size_t n = dstates.size();
	std::vector<char> live(n, 0);
	for (std::size_t s = 0; s < n; ++s)
		live[s] = flags[s] != 0 ? 1 : 0;
	for (bool changed = true; changed;) {
		changed = false;
		for (std::size_t s = 0; s < n; ++s) {
			if (live[s] != 0)
				continue;
			for (std::uint32_t c = 0; c < nclasses; ++c)
				if (live[next[s * nclasses + c]] != 0) {
					live[s] = 1;
					changed = true;
					break;
				}
		}
	}
	RegexDfa dfa;
	dfa.nclasses = nclasses;
	dfa.classes = std::move(cls);
	for (std::size_t s = 0; s < n; ++s) {
		if (live[s] == 0)
			flags[s] |= RegexDfa::kDead;
		dfa.flags.push_back(flags[s]);
	}
	for (std::uint32_t t : next)
		dfa.next.push_back(static_cast<std::uint16_t>(t));
	return dfa;
}

// Moore's partition refinement; the start state's block becomes state 0.
RegexDfa minimize(const RegexDfa& in)
{
	const std::size_t n = in.nstates();
	const std::uint32_t k = in.nclasses;
	std::vector<std::size_t> block(n);
	for (std::size_t s = 0; s < n; ++s)
		block[s] = in.flags[s];
	std::size_t nblocks = 0;
	for (;;) {
		std::map<std::vector<std::size_t>, std::size_t> sig_to_block;
		std::vector<std::size_t> nb(n);
		// Number blocks in order of first appearance so that state 0 stays 0.
		for (std::size_t s = 0; s < n; ++s) {
			std::vector<std::size_t> sig{block[s]};
			for (std::uint32_t c = 0; c < k; ++c)
				sig.push_back(block[in.next[s * k + c]]);
			auto it = sig_to_block.emplace(std::move(sig), sig_to_block.size()).first;
			nb[s] = it->second;
		}
		std::size_t count = sig_to_block.size();
		block = std::move(nb);
		if (count == nblocks)
			break;
		nblocks = count;
	}
	RegexDfa out;
	out.nclasses = k;
	out.classes = in.classes;
	out.flags.assign(nblocks, 0);
	out.next.assign(nblocks * k, 0);
	for (std::size_t s = 0; s < n; ++s) {
		std::size_t b = block[s];
		out.flags[b] = in.flags[s];
		for (std::uint32_t c = 0; c < k; ++c)
			out.next[b * k + c] = static_cast<std::uint16_t>(block[in.next[s * k + c]]);
	}
	return out;
}

// Merges byte classes whose columns are identical in every state.
RegexDfa merge_classes(const RegexDfa& in)
{
	const std::size_t n = in.nstates();
	std::map<std::vector<std::uint16_t>, std::uint32_t> column_to_class;
	std::vector<std::uint32_t> remap(in.nclasses);
	std::vector<std::uint32_t> kept;
	for (std::uint32_t c = 0; c < in.nclasses; ++c) {
		std::vector<std::uint16_t> col(n);
		for (std::size_t s = 0; s < n; ++s)
			col[s] = in.next[s * in.nclasses + c];
		auto [it, inserted] = column_to_class.emplace(
			std::move(col), static_cast<std::uint32_t>(kept.size()));
		if (inserted)
			kept.push_back(c);
		remap[c] = it->second;
	}
	RegexDfa out;
	out.nclasses = static_cast<std::uint32_t>(kept.size());
	out.flags = in.flags;
	out.classes.resize(256);
	for (std::size_t b = 0; b < 256; ++b)
		out.classes[b] = static_cast<std::uint8_t>(remap[in.classes[b]]);
	for (std::size_t s = 0; s < n; ++s)
		for (std::uint32_t c : kept)
			out.next.push_back(in.next[s * in.nclasses + c]);
	return out;
}

} // namespace

bool RegexDfa::matches(std::string_view s) const
{
	std::size_t state = 0;
	for (std::size_t i = 0;; ++i) {
		std::uint8_t f = flags[state];
		if ((f & kAccept) != 0)
			return true;
		if ((f & kDead) != 0)
			return false;
		if (i == s.size() || s[i] == '\0')
			return (f & kAcceptAtEnd) != 0;
		state = next[state * nclasses + classes[static_cast<unsigned char>(s[i])]];
	}
}

std::variant<RegexDfa, RegexError> compile_regex(std::string_view pattern)
{
	try {
		ReParser parser(pattern);
		int root = parser.parse();
		Nfa nfa;
		nfa.start = nfa.add();
		nfa.match = nfa.build(parser.nodes, root, nfa.start);
		return merge_classes(minimize(subset_construction(nfa)));
	} catch (const ParseFailure& f) {
		return RegexError{f.message};
	}
}

std::string emit_regex_c(const RegexDfa& dfa, std::string_view name)
{
	std::ostringstream o;
	auto list = [&o](const auto& values, std::size_t per_line) {
		for (std::size_t i = 0; i < values.size(); ++i) {
			o << (i % per_line == 0 ? "\n\t" : " ") << static_cast<unsigned>(values[i])
			  << ",";
		}
		o << "\n";
	};
	o << "static const u8 " << name << "_classes[256] = {";
	list(dfa.classes, 32);
	o << "};\nstatic const u16 " << name << "_next[] = {";
	list(dfa.next, std::max<std::size_t>(dfa.nclasses, 1) > 16 ? 16 : dfa.nclasses);
	o << "};\nstatic const u8 " << name << "_flags[] = {";
	list(dfa.flags, 32);
	o << "};\nstatic const struct stp_regex " << name << " = {\n\t.nclasses = " << dfa.nclasses
	  << ",\n\t.classes = " << name << "_classes,\n\t.next = " << name
	  << "_next,\n\t.flags = " << name << "_flags,\n};\n";
	return o.str();
}

} // namespace stap::codegen
