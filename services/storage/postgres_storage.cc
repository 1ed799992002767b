#include "services/storage/postgres_storage.h"

#include <string>
#include <utility>

#include "services/storage/change_listener.h"
#include "services/storage/migrations.h"
#include "services/storage/pg_transaction.h"
#include "services/storage/provider_store.h"

namespace vendormatch {
namespace {

// The NOTIFY channel of each topic (sent by the triggers of migration 0002
// and later).
std::string Channel(Topic topic) {
  switch (topic) {
    case Topic::kRegistry:
      return "vendormatch_registry";
    case Topic::kProfiles:
      return "vendormatch_profiles";
    case Topic::kKeys:
      break;
  }
  return "vendormatch_keys";
}

class ListenerSubscription final : public Subscription {
 public:
  ListenerSubscription(const std::string& url, const std::vector<Topic>& topics,
                       SubscriptionCallbacks callbacks) {
    std::vector<std::string> channels;
    for (Topic t : topics) channels.push_back(Channel(t));
    listener_ = std::make_unique<ChangeListener>(
        url, std::move(channels),
        [topics, on_change = std::move(callbacks.on_change)](const std::string& channel) {
          for (Topic t : topics) {
            if (Channel(t) == channel) return on_change(t);
          }
          return true;
        },
        std::move(callbacks.every_round));
  }

 private:
  std::unique_ptr<ChangeListener> listener_;
};

}  // namespace

PostgresStorage::PostgresStorage(DatabaseOptions options)
    : db_(std::move(options)),
      providers_(NewPgProviderStore()),
      audit_(NewPgAuditStore()),
      requests_(NewPgRequestStore()),
      profiles_(NewPgProfileStore()),
      keys_(NewPgKeyStore()),
      feed_(NewPgRegistryFeed(db_)) {}

PostgresStorage::~PostgresStorage() = default;

absl::Status PostgresStorage::Migrate() {
  return db_.WithConnection(
      [](pqxx::connection& connection) { return ApplyMigrations(connection); });
}

absl::Status PostgresStorage::InTransaction(const std::function<absl::Status(Transaction&)>& body) {
  return db_.InTransaction([&](pqxx::work& work) {
    PgTransaction txn(work);
    return body(txn);
  });
}

std::unique_ptr<Subscription> PostgresStorage::Subscribe(std::vector<Topic> topics,
                                                         SubscriptionCallbacks callbacks) {
  return std::make_unique<ListenerSubscription>(db_.options().url, topics, std::move(callbacks));
}

}  // namespace vendormatch
