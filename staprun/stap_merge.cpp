// stap-merge: merges the per-CPU files of a bulk-mode run (staprun -b
// writes FILE_cpuN) into one stream, in the order the records were
// produced.
#include "output.h"
#include "record_stream.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace
{

void usage(std::ostream& out)
{
	out << "Usage: stap-merge [-v] [-o OUTPUT] FILE...\n"
	       "Merge the per-CPU output files of a bulk-mode run in timestamp order.\n"
	       "  -v         precede each record with [cpu,sequence,length]\n"
	       "  -o OUTPUT  write to OUTPUT instead of standard output\n";
}

} // namespace

int main(int argc, char** argv)
{
	bool verbose = false;
	std::string output;
	std::vector<std::string> inputs;
	for (int i = 1; i < argc; i++) {
		std::string a = argv[i];
		if (a == "-v") {
			verbose = true;
		} else if (a == "-o" && i + 1 < argc) {
			output = argv[++i];
		} else if (a == "-h" || a == "--help") {
			usage(std::cout);
			return 0;
		} else if (a.size() > 1 && a[0] == '-') {
			std::cerr << "stap-merge: invalid option '" << a << "'\n";
			usage(std::cerr);
			return 1;
		} else {
			inputs.push_back(a);
		}
	}
	if (inputs.empty()) {
		std::cerr << "stap-merge: no input files\n";
		usage(std::cerr);
		return 1;
	}
	staprun::Merger merger;
	int status = 0;
	for (const std::string& name : inputs) {
		std::ifstream in(name, std::ios::binary);
		if (!in) {
			std::cerr << "stap-merge: cannot read " << name << ": "
				  << std::strerror(errno) << "\n";
			return 1;
		}
		staprun::RecordParser parser;
		char buf[65536];
		while (in.read(buf, sizeof(buf)) || in.gcount() > 0) {
			parser.feed(std::string_view(buf, static_cast<size_t>(in.gcount())));
			while (auto r = parser.next())
				merger.add(std::move(*r));
		}
		if (parser.corrupt() || parser.pending() > 0) {
			std::cerr << "stap-merge: " << name
				  << ": not a bulk-mode output file, or truncated\n";
			status = 1;
		}
	}
	staprun::OutputFile out;
	std::string err = out.open(output);
	if (!err.empty()) {
		std::cerr << "stap-merge: " << err << "\n";
		return 1;
	}
	for (const staprun::Record& r : merger.release_all()) {
		if (verbose)
			out.write("[" + std::to_string(r.cpu) + "," + std::to_string(r.seq) + "," +
				  std::to_string(r.data.size()) + "]");
		out.write(r.data);
	}
	if (!out.error().empty()) {
		std::cerr << "stap-merge: " << out.error() << "\n";
		return 1;
	}
	return status;
}
