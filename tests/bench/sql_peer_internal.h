// Internal to the SQL peer (sql_peer.cc loads the tables, sql_peer_query.cc
// writes the mirror query): codes and dates as the bench tables hold them.
// Pure functions.
#pragma once

#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "vendormatch/plugin_sdk.h"

namespace vendormatch::bench::sql_peer_internal {

// Codes are the dictionary's text: the snapshot interns them canonical
// (certifications upper case as stored, language tags lower case with '-')
// and the plugins compare Symbols, so SQL compares the text as it is.

// "zh-hant-tw" -> "zh", "zh-hant" (the proper subtag prefixes).
std::vector<std::string> ProperPrefixes(const std::string& tag);

// `v` sorted, without repeats.
std::vector<std::string> Unique(std::vector<std::string> v);

// "YYYY-MM-DD".
std::string DateText(absl::CivilDay day);

// "BPO", "KPO", or "" for any other model.
const char* ModelName(sdk::ServiceModel m);

}  // namespace vendormatch::bench::sql_peer_internal
