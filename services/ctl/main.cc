// vendormatchctl: the admin command-line client of the vendormatch registry.
// All logic lives in vm_ctl (commands.h); this only wires the process in.
#include <iostream>
#include <string>
#include <vector>

#include "services/ctl/commands.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return vendormatch::ctl::RunCommandLine(args, vendormatch::ctl::ProcessEnvironment(),
                                          vendormatch::ctl::Connect, std::cout, std::cerr,
                                          &std::cin);
}
