#include "tests/bench/scratch_db.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace vendormatch::bench {

std::string WithDatabase(const std::string& url, const std::string& name) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return absl::StrCat(url, " dbname=", name);
  const size_t slash = url.find('/', scheme + 3);
  const size_t query = url.find('?', scheme + 3);
  if (slash == std::string::npos || (query != std::string::npos && slash > query)) {
    const size_t at = query == std::string::npos ? url.size() : query;
    return absl::StrCat(url.substr(0, at), "/", name, url.substr(at));
  }
  const size_t end = query == std::string::npos ? url.size() : query;
  return absl::StrCat(url.substr(0, slash + 1), name, url.substr(end));
}

std::string DefaultUrl() {
  const char* dir = std::getenv("VENDORMATCH_TEST_PG_DIR");
  if (dir == nullptr || *dir == '\0') return "";
  std::ifstream in(absl::StrCat(dir, "/url"));
  std::string url;
  std::getline(in, url);
  return std::string(absl::StripAsciiWhitespace(url));
}

ScratchDatabase::ScratchDatabase(const std::string& server_url, const std::string& name)
    : server_url_(server_url), name_(name) {
  pqxx::connection admin(server_url_);
  pqxx::nontransaction txn(admin);
  txn.exec(absl::StrCat("DROP DATABASE IF EXISTS ", name_));
  txn.exec(absl::StrCat("CREATE DATABASE ", name_, " TEMPLATE template0 ENCODING 'UTF8'"));
  url_ = WithDatabase(server_url_, name_);
}
ScratchDatabase::~ScratchDatabase() {
  try {
    pqxx::connection admin(server_url_);
    pqxx::nontransaction txn(admin);
    txn.exec(absl::StrCat("DROP DATABASE IF EXISTS ", name_, " WITH (FORCE)"));
  } catch (const std::exception& e) {
    std::cerr << "could not drop database " << name_ << ": " << e.what() << "\n";
  }
}

}  // namespace vendormatch::bench
