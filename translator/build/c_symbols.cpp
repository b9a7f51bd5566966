#include "build/c_symbols.h"

#include <cctype>
#include <vector>

namespace stap
{

namespace
{

bool ident_start(char c)
{
	return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

bool ident_char(char c)
{
	return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool is_attribute(const std::string& word)
{
	return word.starts_with("__");
}

// A token of a top-level declaration: an identifier or one punctuation
// character; "{}" stands for a skipped brace block.
struct Token {
	std::string text;
	bool ident = false;
};

class Scanner
{
public:
	explicit Scanner(const std::string& text) : s_(text) {}

	CSymbols run();

private:
	bool next(Token& t);
	void skip_directive();
	void classify(const std::vector<Token>& decl);
	static std::string declarator(const std::vector<Token>& decl, std::size_t from,
				      std::size_t to);

	const std::string& s_;
	std::size_t at_ = 0;
	bool line_start_ = true;
	CSymbols out_;
};

// The next token outside comments, literals and preprocessor directives;
// every identifier is noted.
bool Scanner::next(Token& t)
{
	while (at_ < s_.size()) {
		char c = s_[at_];
		if (c == '\n') {
			line_start_ = true;
			++at_;
		} else if (std::isspace(static_cast<unsigned char>(c))) {
			++at_;
		} else if (c == '#' && line_start_) {
			skip_directive();
		} else if (s_.compare(at_, 2, "//") == 0) {
			at_ = s_.find('\n', at_);
			if (at_ == std::string::npos)
				at_ = s_.size();
		} else if (s_.compare(at_, 2, "/*") == 0) {
			std::size_t end = s_.find("*/", at_ + 2);
			at_ = end == std::string::npos ? s_.size() : end + 2;
		} else if (c == '"' || c == '\'') {
			for (++at_; at_ < s_.size() && s_[at_] != c; ++at_)
				if (s_[at_] == '\\')
					++at_;
			++at_;
			line_start_ = false;
		} else if (ident_start(c)) {
			std::size_t b = at_;
			while (at_ < s_.size() && ident_char(s_[at_]))
				++at_;
			t = {s_.substr(b, at_ - b), true};
			out_.identifiers.insert(t.text);
			line_start_ = false;
			return true;
		} else if (std::isdigit(static_cast<unsigned char>(c))) {
			while (at_ < s_.size() && (ident_char(s_[at_]) || s_[at_] == '.'))
				++at_;
			line_start_ = false;
		} else {
			t = {std::string(1, c), false};
			++at_;
			line_start_ = false;
			return true;
		}
	}
	return false;
}

// A directive's identifiers are noted too, and a macro's body is what the
// macro uses; an #include's file name is not an identifier.
void Scanner::skip_directive()
{
	std::size_t end = at_;
	while (end < s_.size() && s_[end] != '\n')
		end += s_[end] == '\\' && end + 1 < s_.size() ? 2 : 1;
	std::string line = s_.substr(at_, end - at_);
	at_ = end;
	std::vector<std::string> words;
	for (std::size_t i = 0; i < line.size();) {
		if (ident_start(line[i])) {
			std::size_t b = i;
			while (i < line.size() && ident_char(line[i]))
				++i;
			words.push_back(line.substr(b, i - b));
		} else {
			++i;
		}
	}
	if (words.empty() || words[0] == "include")
		return;
	out_.identifiers.insert(words.begin() + 1, words.end());
	if (words[0] == "define" && words.size() > 1)
		out_.uses[words[1]].insert(words.begin() + 2, words.end());
}

// The name a declaration declares within decl[from, to): the identifier
// before the first parenthesis at its top level (a function), else its
// last identifier outside brackets and parentheses (an object); attributes
// do not count.
std::string Scanner::declarator(const std::vector<Token>& decl, std::size_t from, std::size_t to)
{
	std::string last;
	int depth = 0;
	for (std::size_t i = from; i < to; ++i) {
		const std::string& t = decl[i].text;
		if (t == "(" && depth == 0 && !last.empty() && i > from && decl[i - 1].text == last)
			return last;
		if (t == "(" || t == "[")
			++depth;
		else if (t == ")" || t == "]")
			--depth;
		else if (depth == 0 && decl[i].ident && !is_attribute(t))
			last = t;
	}
	return last;
}

void Scanner::classify(const std::vector<Token>& decl)
{
	if (decl.empty())
		return;
	bool is_static = false, is_extern = false, is_typedef = false, weak = false;
	std::size_t body = decl.size(); // a type's skipped body
	std::size_t assign = decl.size();
	bool has_paren = false;
	int depth = 0;
	for (std::size_t i = 0; i < decl.size(); ++i) {
		const std::string& t = decl[i].text;
		is_static = is_static || t == "static";
		is_extern = is_extern || t == "extern";
		is_typedef = is_typedef || t == "typedef";
		weak = weak || t == "__weak";
		if (t == "(" || t == "[")
			++depth;
		else if (t == ")" || t == "]")
			--depth;
		else if (t == "{}" && body == decl.size() && assign == decl.size())
			body = i; // an initialiser's block comes after its '='
		else if (t == "=" && depth == 0 && assign == decl.size())
			assign = i;
		if (t == "(" && depth == 1 && assign == decl.size())
			has_paren = true;
	}
	// A top-level initialiser uses what it names wherever it is compiled
	// (a header's, in every file that includes it).
	for (std::size_t i = assign; i < decl.size(); ++i)
		if (decl[i].ident)
			out_.initialisers.insert(decl[i].text);
	if (is_typedef || is_static)
		return;
	std::size_t from = body == decl.size() ? 0 : body + 1;
	if (body != decl.size() && assign == decl.size() && from >= decl.size())
		return; // a type, and no object of it
	if (is_extern) {
		if (weak) {
			std::string name = declarator(decl, from, assign);
			if (!name.empty())
				out_.weak.insert(name);
		}
		return;
	}
	if (assign == decl.size() && has_paren) {
		// DEFINE_SPINLOCK(name) and the like define their last argument;
		// other calls and prototypes define nothing.
		if (!decl[0].ident || !decl[0].text.starts_with("DEFINE_"))
			return;
		std::string last;
		for (const Token& t : decl)
			if (t.ident && &t != &decl[0])
				last = t.text;
		if (!last.empty())
			out_.defined.insert(last);
		return;
	}
	std::string name = declarator(decl, from, assign);
	if (!name.empty())
		out_.defined.insert(name);
}

CSymbols Scanner::run()
{
	std::vector<Token> decl;
	Token t;
	while (next(t)) {
		if (t.text == ";") {
			classify(decl);
			decl.clear();
			continue;
		}
		if (t.text != "{") {
			decl.push_back(t);
			continue;
		}
		// A body: a function's ends the declaration, an initialiser's or
		// a type's is skipped over.
		bool function = false, assigned = false;
		{
			int depth = 0;
			bool paren = false;
			for (const Token& d : decl) {
				if (d.text == "(" && depth == 0)
					paren = true;
				if (d.text == "(" || d.text == "[")
					++depth;
				else if (d.text == ")" || d.text == "]")
					--depth;
				else if (d.text == "=" && depth == 0)
					assigned = true;
			}
			function = paren && !assigned;
		}
		std::set<std::string> body;
		for (int depth = 1; depth > 0 && next(t);) {
			if (t.text == "{")
				++depth;
			else if (t.text == "}")
				--depth;
			else if (t.ident)
				body.insert(t.text);
		}
		if (!function && assigned)
			out_.initialisers.insert(body.begin(), body.end());
		if (function) {
			// A definition: the declarator before its parameters.
			bool is_static = false;
			for (const Token& d : decl)
				is_static = is_static || d.text == "static";
			std::string name = declarator(decl, 0, decl.size());
			if (!is_static && !name.empty())
				out_.defined.insert(name);
			if (!name.empty())
				out_.uses[name].insert(body.begin(), body.end());
			decl.clear();
		} else {
			decl.push_back({"{}", false});
		}
	}
	classify(decl);
	return out_;
}

} // namespace

CSymbols scan_c_symbols(const std::string& text)
{
	return Scanner(text).run();
}

} // namespace stap
