// Scoring profiles as a service of their own: stored with revisions and
// audit rows (ProfileStore), compiled against the plugins this server
// loaded, kept current on notification; one method per profile RPC.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "services/domain/call_context.h"
#include "services/matching/pipeline.h"
#include "services/matching/plugin_loader.h"
#include "services/storage/storage.h"
#include "vendormatch/v1/matching_service.pb.h"

namespace vendormatch {

// Thread-safe. Does not own `storage` or `plugins`, which must outlive it.
//
// Errors common to the methods: INVALID_ARGUMENT naming the field;
// NOT_FOUND; ABORTED for a stale etag; ALREADY_EXISTS; UNAVAILABLE when
// storage cannot be reached. On any error nothing is written.
class ProfileService {
 public:
  ProfileService(Storage& storage, const std::vector<LoadedPlugin>& plugins)
      : storage_(storage), plugins_(plugins) {}

  // Reads and compiles every stored profile. A profile naming a plugin this
  // server lacks is kept aside with its reason (see Find). Errors: as
  // Storage::InTransaction; the profiles held stay.
  absl::Status Reload();

  // The compiled profile `name` ("profiles/{id}"). Errors: INVALID_ARGUMENT
  // naming "profile" when unknown; FAILED_PRECONDITION when it cannot run on
  // this server (it names a plugin not loaded here).
  absl::StatusOr<std::shared_ptr<const CompiledProfile>> Find(const std::string& name) const;

  absl::StatusOr<v1::ListProfilesResponse> List(const v1::ListProfilesRequest& request) const;
  absl::StatusOr<v1::Profile> Get(const v1::GetProfileRequest& request) const;
  // Writes apply on this server at once and on others on notification.
  absl::StatusOr<v1::Profile> Create(const v1::CreateProfileRequest& request,
                                     const CallContext& context);
  absl::StatusOr<v1::Profile> Update(const v1::UpdateProfileRequest& request,
                                     const CallContext& context);

 private:
  Storage& storage_;
  const std::vector<LoadedPlugin>& plugins_;
  std::mutex reload_mu_;  // one reload at a time
  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<const CompiledProfile>> profiles_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> profile_errors_ ABSL_GUARDED_BY(mu_);
};

}  // namespace vendormatch
