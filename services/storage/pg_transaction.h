// PostgresStorage's Transaction: a libpqxx transaction seen through the
// opaque storage.h type. Inside storage only.
#pragma once

#include <pqxx/pqxx>

#include "services/storage/storage.h"

namespace vendormatch {

class PgTransaction final : public Transaction {
 public:
  explicit PgTransaction(pqxx::work& work) : work_(work) {}
  pqxx::work& work() { return work_; }

 private:
  pqxx::work& work_;
};

// The libpqxx transaction behind `txn`, which PostgresStorage made.
inline pqxx::work& Work(Transaction& txn) { return static_cast<PgTransaction&>(txn).work(); }

}  // namespace vendormatch
