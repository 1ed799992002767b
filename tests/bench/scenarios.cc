#include "tests/bench/scenarios.h"

#include <algorithm>
#include <iterator>

namespace vendormatch::bench {
namespace {

void Ceiling(v1::Requirement& r, const char* currency, int64_t minor_units) {
  r.mutable_rate_ceiling()->set_currency_code(currency);
  r.mutable_rate_ceiling()->set_minor_units(minor_units);
}

}  // namespace

std::vector<Scenario> Scenarios() {
  std::vector<Scenario> out;
  {
    Scenario s{"bpo_call_centre",
               "US client; CUSTOMER_SUPPORT + CALL_CENTER_INBOUND, BPO, nearshore or offshore, "
               "<= USD 20.00/h, 50 seats, English",
               "cost_first",
               {}};
    v1::Requirement& r = s.requirement;
    r.add_services("CUSTOMER_SUPPORT");
    r.add_services("CALL_CENTER_INBOUND");
    r.set_preferred_service_model(v1::SERVICE_MODEL_BPO);
    r.set_client_country("US");
    r.set_client_time_zone("America/New_York");
    r.add_delivery_models(v1::DELIVERY_MODEL_NEARSHORE);
    r.add_delivery_models(v1::DELIVERY_MODEL_OFFSHORE);
    Ceiling(r, "USD", 2000);
    r.set_headcount(50);
    r.add_languages("en");
    out.push_back(std::move(s));
  }
  {
    Scenario s{"kpo_legal",
               "US client; LEGAL_PROCESS_OUTSOURCING, KPO, senior staff <= USD 150.00/h, "
               "ISO27001, rating >= 4.0",
               "expertise_first",
               {}};
    v1::Requirement& r = s.requirement;
    r.add_services("LEGAL_PROCESS_OUTSOURCING");
    r.set_preferred_service_model(v1::SERVICE_MODEL_KPO);
    r.set_client_country("US");
    r.set_client_time_zone("America/New_York");
    Ceiling(r, "USD", 15000);
    r.set_seniority(v1::SENIORITY_SENIOR);
    r.set_headcount(5);
    r.add_certifications("ISO27001");
    r.set_min_rating(4.0);
    r.set_collaboration(v1::LEVEL_HIGH);
    out.push_back(std::move(s));
  }
  {
    Scenario s{"kpo_clinical",
               "DE client; CLINICAL_DATA_ANALYSIS, KPO, HIPAA, English, sensitive data, "
               "no ceiling",
               "balanced",
               {}};
    v1::Requirement& r = s.requirement;
    r.add_services("CLINICAL_DATA_ANALYSIS");
    r.set_preferred_service_model(v1::SERVICE_MODEL_KPO);
    r.set_client_country("DE");
    r.set_client_time_zone("Europe/Berlin");
    r.set_headcount(3);
    r.add_certifications("HIPAA");
    r.add_languages("en");
    r.set_data_sensitivity(v1::LEVEL_HIGH);
    r.set_industry("PHARMA_LIFE_SCIENCES");
    out.push_back(std::move(s));
  }
  {
    Scenario s{
        "matches_nothing", "US client; CUSTOMER_SUPPORT, BPO, <= USD 0.01/h", "balanced", {}};
    v1::Requirement& r = s.requirement;
    r.add_services("CUSTOMER_SUPPORT");
    r.set_preferred_service_model(v1::SERVICE_MODEL_BPO);
    r.set_client_country("US");
    r.set_client_time_zone("America/Chicago");
    Ceiling(r, "USD", 1);
    out.push_back(std::move(s));
  }
  return out;
}

v1::Profile MirrorProfile(const v1::Profile& shipped) {
  v1::Profile out;
  out.set_name(shipped.name() + "-sql-mirror");
  out.set_display_name(shipped.display_name() + " (SQL mirror)");
  for (const auto& p : shipped.plugins()) {
    const bool filter = std::find(std::begin(kMirrorFilters), std::end(kMirrorFilters),
                                  p.plugin()) != std::end(kMirrorFilters);
    const bool score = p.plugin() == "rate" || p.plugin() == "quality";
    if (!filter && !score) continue;
    v1::PluginSetting* q = out.add_plugins();
    *q = p;
    q->set_filter_enabled(filter);
    q->set_score_enabled(score && p.score_enabled() && p.weight() > 0);
    if (!q->score_enabled()) {
      q->set_weight(0);
      q->set_min_weight(0);
      q->set_max_weight(0);
    }
  }
  return out;
}

ValidRequirement MirrorRequirement(ValidRequirement requirement) {
  requirement.req.delivery_models = 0;
  requirement.req.min_overlap_hours = 0;
  return requirement;
}

}  // namespace vendormatch::bench
