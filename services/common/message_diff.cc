#include "services/common/message_diff.h"

#include "google/protobuf/util/message_differencer.h"

namespace vendormatch {
namespace {

using google::protobuf::util::MessageDifferencer;

// Records the top-level field of every difference MessageDifferencer finds.
class TopLevelFieldReporter : public MessageDifferencer::Reporter {
 public:
  std::set<std::string> fields;
  void ReportAdded(const google::protobuf::Message&, const google::protobuf::Message&,
                   const std::vector<MessageDifferencer::SpecificField>& path) override {
    fields.insert(path.front().field->name());
  }
  void ReportDeleted(const google::protobuf::Message&, const google::protobuf::Message&,
                     const std::vector<MessageDifferencer::SpecificField>& path) override {
    fields.insert(path.front().field->name());
  }
  void ReportModified(const google::protobuf::Message&, const google::protobuf::Message&,
                      const std::vector<MessageDifferencer::SpecificField>& path) override {
    fields.insert(path.front().field->name());
  }
};

}  // namespace

std::vector<std::string> ChangedTopLevelFields(const google::protobuf::Message& before,
                                               const google::protobuf::Message& after,
                                               const std::set<std::string>& ignored) {
  TopLevelFieldReporter reporter;
  MessageDifferencer differencer;
  for (const auto& name : ignored) {
    if (const auto* field = before.GetDescriptor()->FindFieldByName(name)) {
      differencer.IgnoreField(field);
    }
  }
  differencer.ReportDifferencesTo(&reporter);
  differencer.Compare(before, after);
  return {reporter.fields.begin(), reporter.fields.end()};
}

}  // namespace vendormatch
