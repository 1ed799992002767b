// The storage interfaces over PostgreSQL, the system of record: the pool
// (Database), the numbered migrations, the stores and LISTEN/NOTIFY.
#pragma once

#include <memory>

#include "services/storage/database.h"
#include "services/storage/storage.h"

namespace vendormatch {

// Thread-safe; one per process.
class PostgresStorage final : public Storage {
 public:
  explicit PostgresStorage(DatabaseOptions options);
  ~PostgresStorage() override;

  // Opens one connection now. Errors: UNAVAILABLE with libpq's message.
  absl::Status Ping() { return db_.Ping(); }
  // Applies the migrations not yet applied, under an advisory lock (several
  // replicas may start together). Errors: as Database::WithConnection.
  absl::Status Migrate();
  PoolStats stats() const { return db_.stats(); }
  // The pool itself, for storage's own tests and benches.
  Database& database() { return db_; }

  absl::Status InTransaction(const std::function<absl::Status(Transaction&)>& body) override;
  ProviderStore& providers() override { return *providers_; }
  AuditStore& audit() override { return *audit_; }
  RequestStore& requests() override { return *requests_; }
  ProfileStore& profiles() override { return *profiles_; }
  KeyStore& keys() override { return *keys_; }
  RegistryFeed& feed() override { return *feed_; }
  // LISTENs on its own connection (services/storage/change_listener.h),
  // reconnecting by itself; after a reconnection every topic is announced
  // once, since notifications may have been missed.
  std::unique_ptr<Subscription> Subscribe(std::vector<Topic> topics,
                                          SubscriptionCallbacks callbacks) override;

 private:
  Database db_;
  std::unique_ptr<ProviderStore> providers_;
  std::unique_ptr<AuditStore> audit_;
  std::unique_ptr<RequestStore> requests_;
  std::unique_ptr<ProfileStore> profiles_;
  std::unique_ptr<KeyStore> keys_;
  std::unique_ptr<RegistryFeed> feed_;
};

// The stores PostgresStorage is made of; their Transaction must be one
// PostgresStorage::InTransaction made.
std::unique_ptr<ProfileStore> NewPgProfileStore();
std::unique_ptr<KeyStore> NewPgKeyStore();
std::unique_ptr<RegistryFeed> NewPgRegistryFeed(Database& db);

}  // namespace vendormatch
