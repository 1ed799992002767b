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

// A message stored as bytea (a record's serialised body).
template <typename Message>
Message ParseBytea(const pqxx::field& field) {
  pqxx::binarystring bytes(field);
  Message message;
  message.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
  return message;
}

// The libpqxx transaction behind `txn`, which PostgresStorage made.
inline pqxx::work& Work(Transaction& txn) { return static_cast<PgTransaction&>(txn).work(); }

}  // namespace vendormatch
