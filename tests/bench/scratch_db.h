// A database of a bench's own on a PostgreSQL server, and where that
// server is when CTest runs the bench.
#pragma once

#include <string>

namespace vendormatch::bench {

// "postgresql:///postgres?host=..." with the database replaced by `name`;
// a keyword/value string gets "dbname=name" appended (the last one wins).
std::string WithDatabase(const std::string& url, const std::string& name);

// The URL in $VENDORMATCH_TEST_PG_DIR/url (the CTest fixture's cluster);
// "" when unset.
std::string DefaultUrl();

// Creates database `name` on the server (dropping an old one first) and
// drops it (FORCE) on destruction. Throws pqxx exceptions when it cannot.
class ScratchDatabase {
 public:
  ScratchDatabase(const std::string& server_url, const std::string& name);
  ~ScratchDatabase();
  ScratchDatabase(const ScratchDatabase&) = delete;
  ScratchDatabase& operator=(const ScratchDatabase&) = delete;
  const std::string& url() const { return url_; }

 private:
  std::string server_url_, name_, url_;
};

}  // namespace vendormatch::bench
