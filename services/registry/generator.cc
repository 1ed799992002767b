#include "services/registry/generator.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace vendormatch {
namespace {

using ::vendormatch::v1::DeliveryCenter;
using ::vendormatch::v1::DeliveryModel;
using ::vendormatch::v1::Provider;
using ::vendormatch::v1::Seniority;
using ::vendormatch::v1::ServiceModel;

// ---------------------------------------------------------------------------
// PRNG: splitmix64, with our own mapping to ranges so that every platform
// draws the same numbers.

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;

uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t state) : state_(state) {}

  uint64_t Next() {
    state_ += kGolden;
    return Mix64(state_);
  }
  // An integer in [0, n) for 0 < n < 2^32 (multiply-shift; the bias of at
  // most n / 2^32 does not matter here).
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(((Next() >> 32) * n) >> 32); }
  // An integer in [lo, hi].
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(hi - lo + 1)); }
  bool Percent(int percent) { return Below(100) < static_cast<uint32_t>(percent); }
  // True with probability threshold / 2^32.
  bool Under(uint64_t threshold) { return (Next() >> 32) < threshold; }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

 private:
  uint64_t state_;
};

// n / 10 for n in [0, 1000), computed at compile time so that no optimiser
// setting (-ffast-math turns x / 10.0 into x * 0.1) can change the doubles.
constexpr std::array<double, 1000> kTenths = [] {
  std::array<double, 1000> t{};
  for (int i = 0; i < 1000; ++i) t[i] = i / 10.0;
  return t;
}();

// A share in [0, 1] as a threshold on 32-bit draws.
uint64_t Threshold(double share) {
  if (!(share > 0)) return 0;
  if (share >= 1) return uint64_t{1} << 32;
  return static_cast<uint64_t>(share * 4294967296.0);
}

// ---------------------------------------------------------------------------
// Reference tables (codes as in services/domain/catalog.cc and
// reference_data.cc).

enum Tier : uint8_t { kOffshore, kOffshoreMid, kNearshore, kNearshoreEu, kOnshore };

enum CountryId : uint8_t {
  kPH,
  kIN,
  kMX,
  kCO,
  kCR,
  kJM,
  kBR,
  kAR,
  kPL,
  kRO,
  kBG,
  kPT,
  kMA,
  kEG,
  kZA,
  kKE,
  kVN,
  kMY,
  kLK,
  kUS,
  kCA,
  kIE,
  kGB,
  kDE,
  kCountryCount
};

enum CurrencyId : uint8_t { kUSD, kEUR, kGBP, kCAD, kINR, kPHP, kMXN, kPLN, kRON, kZAR, kBRL };

struct Currency {
  absl::string_view code;
  int64_t per_100_usd;  // Major units per 100 USD.
  int64_t step;         // Rates are rounded to this many minor units.
};

constexpr Currency kCurrencies[] = {
    {"USD", 100, 25},    {"EUR", 92, 50},    {"GBP", 79, 50},    {"CAD", 137, 50},
    {"INR", 8400, 1000}, {"PHP", 5700, 500}, {"MXN", 1850, 500}, {"PLN", 400, 100},
    {"RON", 460, 100},   {"ZAR", 1820, 500}, {"BRL", 540, 100},
};

struct City {
  absl::string_view name;
  absl::string_view zone;
};

struct Country {
  absl::string_view code;
  Tier tier;
  uint8_t bpo_weight;  // Relative share of BPO headquarters.
  uint8_t kpo_weight;  // Relative share of KPO headquarters.
  CurrencyId currency;
  uint8_t local_currency_percent;  // Providers billing in `currency`, not USD.
  bool europe_facing;              // Offshore, but also sold as nearshore to Europe.
  absl::string_view legal_suffixes[2];
  absl::string_view languages[3];  // The first `base_languages` always apply.
  uint8_t base_languages;
  CountryId partners[3];  // Countries of second centres, repeats as weights.
  absl::string_view roots[4];
  City cities[6];  // Unused entries are empty.
};

// clang-format off
constexpr Country kCountries[kCountryCount] = {
    {"PH", kOffshore, 14, 3, kPHP, 10, false, {"Inc.", "Corp."}, {"en", "fil", "es"}, 2,
     {kIN, kMY, kVN}, {"Bayanihan", "Narra", "Visayan Reef", "Amihan"},
     {{"Manila", "Asia/Manila"}, {"Makati", "Asia/Manila"}, {"Quezon City", "Asia/Manila"},
      {"Cebu City", "Asia/Manila"}, {"Davao City", "Asia/Manila"},
      {"Iloilo City", "Asia/Manila"}}},
    {"IN", kOffshore, 10, 14, kINR, 20, false, {"Pvt. Ltd.", "Private Limited"},
     {"en", "hi", "ta"}, 2, {kPH, kUS, kGB}, {"Kaveri", "Deccan Ridge", "Nilgiri", "Sahyadri"},
     {{"Bengaluru", "Asia/Kolkata"}, {"Pune", "Asia/Kolkata"}, {"Hyderabad", "Asia/Kolkata"},
      {"Chennai", "Asia/Kolkata"}, {"Gurugram", "Asia/Kolkata"}, {"Noida", "Asia/Kolkata"}}},
    {"MX", kNearshore, 7, 2, kMXN, 20, false, {"S.A. de C.V.", "S. de R.L. de C.V."},
     {"es-MX", "en", "fr"}, 2, {kCO, kCR, kUS}, {"Sierra Madre", "Jacaranda", "Bajío", "Cenote"},
     {{"Mexico City", "America/Mexico_City"}, {"Guadalajara", "America/Mexico_City"},
      {"Monterrey", "America/Monterrey"}, {"Querétaro", "America/Mexico_City"},
      {"Tijuana", "America/Tijuana"}, {"Mérida", "America/Merida"}}},
    {"CO", kNearshore, 5, 2, kUSD, 0, false, {"S.A.S."}, {"es-CO", "en", "pt-BR"}, 2,
     {kMX, kCR, kMX}, {"Cordillera", "Guadua", "Magdalena", "Tayrona"},
     {{"Bogotá", "America/Bogota"}, {"Medellín", "America/Bogota"}, {"Cali", "America/Bogota"},
      {"Barranquilla", "America/Bogota"}}},
    {"CR", kNearshore, 4, 1, kUSD, 0, false, {"S.A.", "S.R.L."}, {"es", "en", "fr"}, 2,
     {kCO, kMX, kCO}, {"Arenal", "Guanacaste", "Quetzal", "Irazú"},
     {{"San José", "America/Costa_Rica"}, {"Heredia", "America/Costa_Rica"},
      {"Alajuela", "America/Costa_Rica"}}},
    {"JM", kOffshoreMid, 2, 0, kUSD, 0, false, {"Ltd"}, {"en", "es"}, 1, {kUS, kUS, kCR},
     {"Blue Mountain", "Lignum Vitae", "Doctor Bird", "Port Royal"},
     {{"Kingston", "America/Jamaica"}, {"Montego Bay", "America/Jamaica"}}},
    {"BR", kNearshore, 4, 2, kBRL, 25, false, {"Ltda.", "S.A."}, {"pt-BR", "en", "es"}, 2,
     {kAR, kPT, kAR}, {"Ipê", "Serra Verde", "Araucária", "Cerrado"},
     {{"São Paulo", "America/Sao_Paulo"}, {"Campinas", "America/Sao_Paulo"},
      {"Curitiba", "America/Sao_Paulo"}, {"Florianópolis", "America/Sao_Paulo"},
      {"Recife", "America/Recife"}, {"Fortaleza", "America/Fortaleza"}}},
    {"AR", kNearshore, 1, 3, kUSD, 0, false, {"S.A.", "S.R.L."}, {"es-AR", "en", "pt-BR"}, 2,
     {kCO, kBR, kBR}, {"Pampa", "Aconcagua", "Ombú", "Quebracho"},
     {{"Buenos Aires", "America/Argentina/Buenos_Aires"},
      {"Córdoba", "America/Argentina/Cordoba"}, {"Rosario", "America/Argentina/Cordoba"},
      {"Mendoza", "America/Argentina/Mendoza"}}},
    {"PL", kNearshoreEu, 4, 4, kPLN, 30, false, {"Sp. z o.o.", "S.A."}, {"pl", "en", "de"}, 2,
     {kRO, kBG, kPT}, {"Wisła", "Tatra", "Bursztyn", "Odra"},
     {{"Kraków", "Europe/Warsaw"}, {"Wrocław", "Europe/Warsaw"}, {"Warsaw", "Europe/Warsaw"},
      {"Gdańsk", "Europe/Warsaw"}, {"Łódź", "Europe/Warsaw"}, {"Poznań", "Europe/Warsaw"}}},
    {"RO", kNearshoreEu, 4, 2, kEUR, 30, false, {"S.R.L."}, {"ro", "en", "fr"}, 2,
     {kPL, kBG, kMA}, {"Carpathia", "Bucegi", "Someș", "Apuseni"},
     {{"Bucharest", "Europe/Bucharest"}, {"Cluj-Napoca", "Europe/Bucharest"},
      {"Iași", "Europe/Bucharest"}, {"Timișoara", "Europe/Bucharest"},
      {"Brașov", "Europe/Bucharest"}}},
    {"BG", kNearshoreEu, 2, 1, kEUR, 30, false, {"EOOD", "AD"}, {"bg", "en", "de"}, 2,
     {kRO, kRO, kPL}, {"Balkan Ridge", "Rila", "Pirin", "Vitosha"},
     {{"Sofia", "Europe/Sofia"}, {"Plovdiv", "Europe/Sofia"}, {"Varna", "Europe/Sofia"}}},
    {"PT", kNearshoreEu, 2, 2, kEUR, 60, false, {"Lda.", "S.A."}, {"pt-PT", "en", "es"}, 2,
     {kBR, kMA, kBR}, {"Tejo", "Douro", "Azulejo", "Caravela"},
     {{"Lisbon", "Europe/Lisbon"}, {"Porto", "Europe/Lisbon"}, {"Braga", "Europe/Lisbon"}}},
    {"MA", kOffshoreMid, 3, 0, kUSD, 0, true, {"SARL"}, {"ar", "fr", "es"}, 2, {kEG, kPT, kEG},
     {"Atlas", "Argan", "Zellige", "Tafilalt"},
     {{"Casablanca", "Africa/Casablanca"}, {"Rabat", "Africa/Casablanca"},
      {"Tangier", "Africa/Casablanca"}}},
    {"EG", kOffshore, 4, 1, kUSD, 0, true, {"S.A.E.", "LLC"}, {"ar", "en", "de"}, 2,
     {kMA, kMA, kZA}, {"Nile Delta", "Lotus Gate", "Pharos", "Karnak"},
     {{"Cairo", "Africa/Cairo"}, {"Alexandria", "Africa/Cairo"}, {"Giza", "Africa/Cairo"}}},
    {"ZA", kOffshoreMid, 4, 2, kZAR, 30, true, {"(Pty) Ltd"}, {"en", "af", "zu"}, 2,
     {kKE, kEG, kPH}, {"Fynbos", "Protea", "Karoo", "Table Bay"},
     {{"Cape Town", "Africa/Johannesburg"}, {"Johannesburg", "Africa/Johannesburg"},
      {"Durban", "Africa/Johannesburg"}, {"Pretoria", "Africa/Johannesburg"}}},
    {"KE", kOffshore, 3, 0, kUSD, 0, false, {"Limited", "Ltd"}, {"en", "sw", "fr"}, 2,
     {kZA, kZA, kEG}, {"Savanna", "Rift Valley", "Tsavo", "Acacia"},
     {{"Nairobi", "Africa/Nairobi"}, {"Mombasa", "Africa/Nairobi"}}},
    {"VN", kOffshore, 3, 3, kUSD, 0, false, {"JSC", "Co., Ltd."}, {"vi", "en", "ja"}, 2,
     {kPH, kMY, kPH}, {"Mekong", "Ha Long", "Truong Son", "Hoi An"},
     {{"Ho Chi Minh City", "Asia/Ho_Chi_Minh"}, {"Hanoi", "Asia/Ho_Chi_Minh"},
      {"Da Nang", "Asia/Ho_Chi_Minh"}}},
    {"MY", kOffshoreMid, 3, 1, kUSD, 0, false, {"Sdn. Bhd."}, {"ms", "en", "zh"}, 2,
     {kPH, kLK, kPH}, {"Rafflesia", "Petaling", "Hornbill", "Kinabalu"},
     {{"Kuala Lumpur", "Asia/Kuala_Lumpur"}, {"Cyberjaya", "Asia/Kuala_Lumpur"},
      {"George Town", "Asia/Kuala_Lumpur"}, {"Kuching", "Asia/Kuching"}}},
    {"LK", kOffshore, 1, 2, kUSD, 0, false, {"(Pvt) Ltd"}, {"en", "si", "ta"}, 3,
     {kIN, kIN, kMY}, {"Serendib", "Sigiriya", "Kandyan", "Mahaweli"},
     {{"Colombo", "Asia/Colombo"}, {"Kandy", "Asia/Colombo"}}},
    {"US", kOnshore, 7, 8, kUSD, 0, false, {"Inc.", "LLC"}, {"en-US", "es", "zh"}, 1,
     {kPH, kMX, kIN}, {"Blue Mesa", "Ironwood", "Cedar Bluff", "Cascade Ridge"},
     {{"New York", "America/New_York"}, {"Atlanta", "America/New_York"},
      {"Chicago", "America/Chicago"}, {"Dallas", "America/Chicago"},
      {"Denver", "America/Denver"}, {"Phoenix", "America/Phoenix"}}},
    {"CA", kOnshore, 4, 2, kCAD, 60, false, {"Inc.", "Ltd."}, {"en-CA", "fr-CA", "es"}, 2,
     {kPH, kIN, kJM}, {"Maple Ridge", "Laurentian", "Muskoka", "Boreal"},
     {{"Toronto", "America/Toronto"}, {"Montreal", "America/Toronto"},
      {"Vancouver", "America/Vancouver"}, {"Calgary", "America/Edmonton"},
      {"Winnipeg", "America/Winnipeg"}, {"Halifax", "America/Halifax"}}},
    {"IE", kOnshore, 3, 2, kEUR, 80, false, {"Limited", "DAC"}, {"en", "de", "fr"}, 1,
     {kPL, kPT, kRO}, {"Liffey", "Shannon", "Burren", "Connemara"},
     {{"Dublin", "Europe/Dublin"}, {"Cork", "Europe/Dublin"}, {"Galway", "Europe/Dublin"},
      {"Limerick", "Europe/Dublin"}}},
    {"GB", kOnshore, 3, 4, kGBP, 80, false, {"Ltd", "plc"}, {"en-GB", "fr", "pl"}, 1,
     {kZA, kIN, kPL}, {"Thames Reach", "Pennine", "Cotswold", "Severn"},
     {{"London", "Europe/London"}, {"Manchester", "Europe/London"},
      {"Glasgow", "Europe/London"}, {"Belfast", "Europe/London"},
      {"Leeds", "Europe/London"}, {"Cardiff", "Europe/London"}}},
    {"DE", kOnshore, 1, 3, kEUR, 90, false, {"GmbH", "AG"}, {"de", "en", "fr"}, 2,
     {kPL, kBG, kRO}, {"Rheinblick", "Elbe", "Harz", "Isar"},
     {{"Berlin", "Europe/Berlin"}, {"Munich", "Europe/Berlin"}, {"Hamburg", "Europe/Berlin"},
      {"Leipzig", "Europe/Berlin"}, {"Cologne", "Europe/Berlin"}}},
};
// clang-format on

struct TierRates {
  int bpo_lo, bpo_hi;  // Junior BPO rate range, USD cents per hour.
  int kpo_lo, kpo_hi;  // Junior KPO rate range; kpo_lo is also the lowest KPO rate.
  int kpo_cap;         // Highest KPO rate (expert bands).
};

constexpr TierRates kTierRates[] = {
    {850, 1250, 2000, 2700, 4800},     // kOffshore
    {1100, 1400, 2400, 3200, 6000},    // kOffshoreMid
    {1400, 1900, 3200, 4400, 11000},   // kNearshore
    {1500, 2300, 3400, 5000, 11000},   // kNearshoreEu
    {2900, 4200, 8000, 10000, 20000},  // kOnshore
};

struct Band {
  Seniority seniority;
  int factor_percent;
};

constexpr Band kBands[] = {
    {v1::SENIORITY_JUNIOR, 100},
    {v1::SENIORITY_MID, 120},
    {v1::SENIORITY_SENIOR, 145},
    {v1::SENIORITY_EXPERT, 185},
};

struct Service {
  absl::string_view code;
  int factor_percent;  // Rate relative to the model's baseline.
};

struct Industry {
  absl::string_view code;
  absl::string_view words;  // For descriptions.
};

struct Cert {
  absl::string_view code;
  int years;  // Validity.
  absl::string_view issuer;
};

// clang-format off
constexpr Industry kBanking{"BANKING", "banking"}, kInsurance{"INSURANCE", "insurance"},
    kCapitalMarkets{"CAPITAL_MARKETS", "capital-markets"}, kHealthcare{"HEALTHCARE", "healthcare"},
    kPharma{"PHARMA_LIFE_SCIENCES", "life-sciences"}, kRetail{"RETAIL_ECOMMERCE", "e-commerce"},
    kTelecom{"TELECOM", "telecom"}, kTechnology{"TECHNOLOGY", "technology"},
    kManufacturing{"MANUFACTURING", "manufacturing"}, kAutomotive{"AUTOMOTIVE", "automotive"},
    kEnergy{"ENERGY_UTILITIES", "utilities"}, kTravel{"TRAVEL_HOSPITALITY", "travel"},
    kLogistics{"LOGISTICS", "logistics"}, kMedia{"MEDIA_ENTERTAINMENT", "media"},
    kPublic{"PUBLIC_SECTOR", "public-sector"}, kEducation{"EDUCATION", "education"},
    kLegal{"LEGAL", "legal"}, kRealEstate{"REAL_ESTATE", "real-estate"},
    kProfessional{"PROFESSIONAL_SERVICES", "professional-services"}, kGaming{"GAMING", "gaming"};

constexpr Cert kIso9001{"ISO9001", 3, "Bureau Veritas"}, kIso27001{"ISO27001", 3, "BSI"},
    kIso27701{"ISO27701", 3, "SGS"}, kIso14001{"ISO14001", 3, "DNV"},
    kIso22301{"ISO22301", 3, "LRQA"}, kIso13485{"ISO13485", 3, "TÜV SÜD"},
    kSoc1{"SOC1", 1, "Harlow & Pike CPAs"}, kSoc2{"SOC2", 1, "Whitcombe Assurance LLP"},
    kHipaa{"HIPAA", 1, "Meridale Compliance Group"},
    kPciDss{"PCI_DSS", 1, "Ironvale Security Assessors"}, kGdpr{"GDPR", 3, "Europrivacy"},
    kCopc{"COPC", 2, "COPC Inc."}, kCmmi3{"CMMI3", 3, "CMMI Institute"},
    kCmmi5{"CMMI5", 3, "CMMI Institute"}, kHitrust{"HITRUST", 2, "HITRUST Alliance"};
// clang-format on

// What a provider does. The first `always` services are always offered;
// the rest of `services` are optional. Unused entries are empty.
struct Archetype {
  ServiceModel model;
  int always;
  int min_services, max_services;
  Service services[7];
  Industry industries[6];
  Cert certs[4];
  absl::string_view qualifications[3];
  absl::string_view words[4];
  absl::string_view what;
};

using v1::SERVICE_MODEL_BPO;
using v1::SERVICE_MODEL_KPO;

// clang-format off
constexpr Archetype kArchetypes[] = {
    {SERVICE_MODEL_BPO, 2, 3, 6,
     {{"CUSTOMER_SUPPORT", 100}, {"CALL_CENTER_INBOUND", 100}, {"CALL_CENTER_OUTBOUND", 95},
      {"HELP_DESK", 110}, {"TECHNICAL_SUPPORT", 115}, {"ORDER_MANAGEMENT", 90},
      {"COLLECTIONS", 105}},
     {kTelecom, kRetail, kTravel, kBanking, kEnergy, kTechnology},
     {kIso27001, kCopc, kPciDss, kIso9001}, {"ITIL", "PMP"},
     {"Contact Solutions", "CX", "Customer Care", "Connect"},
     "voice, chat and email customer support"},
    {SERVICE_MODEL_BPO, 2, 2, 4,
     {{"TECHNICAL_SUPPORT", 115}, {"HELP_DESK", 110}, {"CUSTOMER_SUPPORT", 100},
      {"WEBSITE_MAINTENANCE", 120}, {"STAFF_TRAINING", 120}},
     {kTechnology, kTelecom, kGaming, kEducation},
     {kIso27001, kSoc2, kIso22301}, {"ITIL", "CCNA", "CISSP"},
     {"Tech Support", "Service Desk", "IT Support", "TechCare"},
     "tier 1 and tier 2 technical support"},
    {SERVICE_MODEL_BPO, 2, 2, 5,
     {{"DATA_ENTRY", 85}, {"BACK_OFFICE_ADMINISTRATION", 90}, {"ORDER_MANAGEMENT", 90},
      {"CLAIMS_PROCESSING", 105}, {"HR_ADMINISTRATION", 105}},
     {kLogistics, kInsurance, kRetail, kRealEstate, kPublic},
     {kIso27001, kIso9001, kSoc2}, {"PMP"},
     {"Data Works", "Process Services", "Back Office", "Operations"},
     "back-office operations and data processing"},
    {SERVICE_MODEL_BPO, 2, 2, 5,
     {{"PAYROLL", 115}, {"FINANCE_AND_ACCOUNTING", 120}, {"HR_ADMINISTRATION", 105},
      {"RECRUITMENT", 115}, {"COLLECTIONS", 105}},
     {kProfessional, kManufacturing, kBanking, kTechnology, kEducation},
     {kIso27001, kSoc1, kSoc2}, {"ACCA", "CPA", "CMA"},
     {"Payroll Partners", "Ledger Services", "Finance Operations", "People Services"},
     "payroll, accounts payable and bookkeeping"},
    {SERVICE_MODEL_BPO, 1, 2, 4,
     {{"CLAIMS_PROCESSING", 105}, {"CUSTOMER_SUPPORT", 100}, {"DATA_ENTRY", 85},
      {"COLLECTIONS", 105}},
     {kHealthcare, kInsurance, kPharma},
     {kHipaa, kIso27001, kSoc2, kHitrust}, {"CPC", "RN", "CCS"},
     {"Health Services", "Claims Services", "Medical Billing", "Care Operations"},
     "medical claims processing and patient support"},
    {SERVICE_MODEL_BPO, 1, 1, 3,
     {{"CONTENT_MODERATION", 95}, {"CUSTOMER_SUPPORT", 100}, {"DATA_ENTRY", 85}},
     {kMedia, kGaming, kTechnology, kRetail},
     {kIso27001, kIso27701, kSoc2}, {"CIPP"},
     {"Trust & Safety", "Content Review", "Moderation Services", "Safe Content"},
     "content moderation and trust-and-safety review"},
    {SERVICE_MODEL_KPO, 1, 2, 4,
     {{"MARKET_RESEARCH", 95}, {"COMPETITIVE_INTELLIGENCE", 100}, {"BUSINESS_RESEARCH", 90},
      {"DATA_ANALYTICS", 105}, {"DIGITAL_MARKETING", 85}},
     {kRetail, kPharma, kTechnology, kProfessional, kAutomotive},
     {kIso27001, kIso9001, kGdpr}, {"MBA", "PhD", "MSc"},
     {"Insights", "Research", "Market Intelligence", "Analytics"},
     "market research and consumer insight"},
    {SERVICE_MODEL_KPO, 1, 2, 5,
     {{"FINANCIAL_RESEARCH", 110}, {"INVESTMENT_RESEARCH", 120}, {"FINANCIAL_MODELING", 115},
      {"RISK_ANALYSIS", 115}, {"DATA_ANALYTICS", 105}},
     {kCapitalMarkets, kBanking, kInsurance, kRealEstate},
     {kIso27001, kSoc2, kSoc1}, {"CFA", "CA", "FRM"},
     {"Financial Research", "Capital Analytics", "Equity Research", "Risk Analytics"},
     "equity and credit research for asset managers and banks"},
    {SERVICE_MODEL_KPO, 1, 1, 3,
     {{"LEGAL_PROCESS_OUTSOURCING", 115}, {"CONTRACT_ANALYSIS", 105},
      {"IP_PATENT_RESEARCH", 120}},
     {kLegal, kProfessional, kPharma, kTechnology},
     {kIso27001, kIso27701, kGdpr}, {"JD", "LLB", "LLM"},
     {"Legal Services", "Legal Process", "IP Research", "Contract Analytics"},
     "legal research, contract review and document review"},
    {SERVICE_MODEL_KPO, 1, 2, 4,
     {{"CLINICAL_DATA_ANALYSIS", 115}, {"SCIENTIFIC_RESEARCH", 120},
      {"RESEARCH_AND_DEVELOPMENT", 115}, {"HEALTHCARE_INFORMATION_MANAGEMENT", 90}},
     {kPharma, kHealthcare},
     {kIso27001, kHipaa, kIso13485, kHitrust}, {"PhD", "MD", "PharmD"},
     {"Clinical Analytics", "Life Sciences", "Biometrics", "Medical Informatics"},
     "clinical data management and biostatistics"},
    {SERVICE_MODEL_KPO, 1, 2, 4,
     {{"ENGINEERING_DESIGN", 110}, {"ARCHITECTURAL_DESIGN", 105},
      {"TECHNICAL_DOCUMENTATION", 85}, {"RESEARCH_AND_DEVELOPMENT", 115}},
     {kManufacturing, kAutomotive, kEnergy, kRealEstate},
     {kIso9001, kIso14001, kIso27001}, {"PE", "MSc", "PMP"},
     {"Engineering", "Design Engineering", "Engineering Services", "Design Studio"},
     "engineering design, CAD and simulation"},
    {SERVICE_MODEL_KPO, 1, 2, 4,
     {{"SOFTWARE_DESIGN", 110}, {"ALGORITHM_DESIGN", 120}, {"DATA_ANALYTICS", 105},
      {"TECHNICAL_DOCUMENTATION", 85}},
     {kTechnology, kBanking, kTelecom, kGaming},
     {kIso27001, kCmmi3, kCmmi5, kSoc2}, {"MSc", "PhD", "CISSP"},
     {"Labs", "Software Design", "Algorithmics", "Data Science"},
     "software architecture and algorithm design"},
    {SERVICE_MODEL_KPO, 1, 1, 3,
     {{"ANIMATION_AND_DESIGN", 90}, {"DIGITAL_MARKETING", 85}, {"MARKET_RESEARCH", 95}},
     {kMedia, kGaming, kEducation, kRetail},
     {kIso27001, kIso9001}, {"MFA", "MBA"},
     {"Animation Studio", "Creative", "Digital Studio", "Motion Works"},
     "2D and 3D animation and design"},
    {SERVICE_MODEL_KPO, 1, 1, 3,
     {{"HEALTHCARE_INFORMATION_MANAGEMENT", 90}, {"CLINICAL_DATA_ANALYSIS", 115},
      {"DATA_ANALYTICS", 105}},
     {kHealthcare, kInsurance, kPharma},
     {kHipaa, kHitrust, kIso27001, kSoc2}, {"RHIA", "CCS", "RN"},
     {"Health Informatics", "Clinical Coding", "Medical Records", "Health Information"},
     "medical coding and health information management"},
};
// clang-format on

constexpr int kBpoArchetypes[] = {0, 0, 0, 1, 1, 2, 2, 3, 4, 5};
constexpr int kKpoArchetypes[] = {6, 6, 7, 7, 8, 9, 10, 11, 11, 12, 13};
// A BPO archetype with a related KPO one, for providers offering both.
constexpr int kMixedPairs[][2] = {{3, 7}, {4, 13}, {4, 9}, {0, 6}, {2, 8}, {1, 11}, {0, 12}};
constexpr absl::string_view kMixedWords[] = {"Business Services", "Outsourcing",
                                             "Knowledge Services", "Global Services"};
constexpr Cert kExpirable[] = {kIso9001, kSoc2, kPciDss, kCopc};

constexpr int kHeadcountBands[2][4][3] = {
    // {lo, hi, weight}: BPO, then KPO.
    {{40, 300, 2}, {300, 1500, 4}, {1500, 6000, 3}, {6000, 20000, 1}},
    {{40, 150, 3}, {150, 600, 4}, {600, 2500, 2}, {2500, 9000, 1}},
};

// Shifts: days as a bit mask (bit 0 = Monday), start and end hh*60+mm.
struct ShiftSpec {
  uint8_t days;
  int16_t start, end;
};
constexpr uint8_t kWeekdays = 0x1F, kMonSat = 0x3F, kSaturday = 0x20;
struct ShiftPlan {
  ShiftSpec shifts[2];  // Unused: days == 0.
};
// clang-format off
constexpr ShiftPlan kBpoOffshorePlans[] = {
    {{{kWeekdays, 21 * 60, 6 * 60}}}, {{{kWeekdays, 22 * 60, 7 * 60}}},
    {{{kMonSat, 8 * 60, 17 * 60}}}, {{{kWeekdays, 8 * 60, 17 * 60}, {kWeekdays, 20 * 60, 5 * 60}}}};
constexpr ShiftPlan kBpoNearshorePlans[] = {
    {{{kMonSat, 7 * 60, 16 * 60}}}, {{{kWeekdays, 8 * 60, 17 * 60}}},
    {{{kWeekdays, 8 * 60, 17 * 60}, {kWeekdays, 13 * 60, 22 * 60}}}};
constexpr ShiftPlan kBpoOnshorePlans[] = {
    {{{kWeekdays, 8 * 60, 20 * 60}, {kSaturday, 9 * 60, 13 * 60}}},
    {{{kWeekdays, 7 * 60 + 30, 18 * 60 + 30}}}, {{{kWeekdays, 8 * 60, 17 * 60}}}};
constexpr ShiftPlan kKpoPlans[] = {  // Empty plans: default 09:00-17:00.
    {}, {}, {{{kWeekdays, 9 * 60, 18 * 60}}}, {{{kWeekdays, 8 * 60 + 30, 17 * 60 + 30}}},
    {{{kWeekdays, 12 * 60, 21 * 60}}}};
// clang-format on

// Cumulative headquarters weights per model (BPO, KPO, both), built once.
struct CountryPicker {
  int cumulative[3][kCountryCount];
  CountryPicker() : cumulative{} {
    int sums[3] = {0, 0, 0};
    for (int i = 0; i < kCountryCount; ++i) {
      sums[0] += kCountries[i].bpo_weight;
      sums[1] += kCountries[i].kpo_weight;
      sums[2] += kCountries[i].bpo_weight + kCountries[i].kpo_weight;
      for (int k = 0; k < 3; ++k) cumulative[k][i] = sums[k];
    }
  }
  CountryId Pick(int kind, Rng& rng) const {
    const int* c = cumulative[kind];
    const int r = static_cast<int>(rng.Below(c[kCountryCount - 1]));
    return static_cast<CountryId>(std::upper_bound(c, c + kCountryCount, r) - c);
  }
};

const CountryPicker& Picker() {
  static const CountryPicker picker;
  return picker;
}

template <typename T, size_t N, typename Pred>
int CountUntil(const T (&items)[N], Pred empty) {
  int n = 0;
  while (n < static_cast<int>(N) && !empty(items[n])) ++n;
  return n;
}
int CityCount(const Country& c) {
  return CountUntil(c.cities, [](const City& x) { return x.name.empty(); });
}
template <size_t N>
int ViewCount(const absl::string_view (&items)[N]) {
  return CountUntil(items, [](absl::string_view x) { return x.empty(); });
}

void Assign(std::string* out, absl::string_view value) { out->assign(value.data(), value.size()); }

// Appends `value` to `list` unless it is there already; true when appended.
bool AddUnique(google::protobuf::RepeatedPtrField<std::string>* list, absl::string_view value) {
  for (const std::string& have : *list) {
    if (have == value) return false;
  }
  Assign(list->Add(), value);
  return true;
}

// Writes "providers/gen-" and `index` zero-padded to `width` digits.
void WriteId(int64_t index, int width, std::string* out) {
  char digits[24];
  int n = 0;
  uint64_t v = static_cast<uint64_t>(index);
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out->assign("providers/gen-");
  for (int i = n; i < width; ++i) out->push_back('0');
  while (n > 0) out->push_back(digits[--n]);
}

// Rate in `currency` minor units for `usd_cents`, rounded to the currency's step.
int64_t ToMinorUnits(int64_t usd_cents, const Currency& currency) {
  const int64_t minor = usd_cents * currency.per_100_usd / 100;
  const int64_t rounded = (minor + currency.step / 2) / currency.step * currency.step;
  return std::max(rounded, currency.step);
}

// ---------------------------------------------------------------------------
// Building one provider.

enum Kind { kBpo = 0, kKpo = 1, kBoth = 2 };

struct Site {
  CountryId country;
  int city;
};

class ProviderBuilder {
 public:
  ProviderBuilder(int64_t index, const GeneratorOptions& options, Provider& out)
      : index_(index),
        options_(options),
        rng_(Mix64(Mix64(options.seed + kGolden) + static_cast<uint64_t>(index))),
        out_(out) {}

  void Build() {
    out_.Clear();
    ChooseShape();
    Identity();
    Services();
    DeliveryCenters();
    Languages();
    Certifications();
    Industries();
    RateCard();
    MinimumEngagement();
    QualityAndTalent();
    DeclaredModels();
    Description();
  }

 private:
  const Archetype& Primary() const { return kArchetypes[archetypes_[0]]; }
  const Country& Hq() const { return kCountries[hq_]; }

  void ChooseShape() {
    const uint64_t kpo = Threshold(options_.kpo_share);
    const uint64_t both = std::min(Threshold(options_.both_share), (uint64_t{1} << 32) - kpo);
    const uint64_t r = rng_.Next() >> 32;
    kind_ = r < kpo ? kKpo : (r < kpo + both ? kBoth : kBpo);
    if (kind_ == kBoth) {
      const auto& pair = rng_.Pick(kMixedPairs);
      archetypes_[0] = pair[0];
      archetypes_[1] = pair[1];
      archetype_count_ = 2;
    } else {
      archetypes_[0] = kind_ == kBpo ? rng_.Pick(kBpoArchetypes) : rng_.Pick(kKpoArchetypes);
      archetype_count_ = 1;
    }
    hq_ = Picker().Pick(kind_, rng_);
    if (kind_ != kKpo) out_.add_service_models(SERVICE_MODEL_BPO);
    if (kind_ != kBpo) out_.add_service_models(SERVICE_MODEL_KPO);
  }

  void Identity() {
    WriteId(index_, options_.id_width, out_.mutable_name());
    const absl::string_view root = rng_.Pick(Hq().roots);
    const absl::string_view word =
        kind_ == kBoth ? rng_.Pick(kMixedWords) : rng_.Pick(Primary().words);
    std::string* display = out_.mutable_display_name();
    absl::StrAppend(display, root, " ", word);
    const int suffixes = ViewCount(Hq().legal_suffixes);
    absl::StrAppend(out_.mutable_legal_name(), *display, " ",
                    Hq().legal_suffixes[rng_.Below(suffixes)]);
    Assign(out_.mutable_headquarters_country(), Hq().code);
    out_.set_status(PickStatus());
  }

  Provider::Status PickStatus() {
    const uint64_t active = Threshold(options_.active_share);
    const uint64_t suspended =
        std::min(Threshold(options_.suspended_share), (uint64_t{1} << 32) - active);
    const uint64_t r = rng_.Next() >> 32;
    if (r < active) return Provider::STATUS_ACTIVE;
    if (r < active + suspended) return Provider::STATUS_SUSPENDED;
    return Provider::STATUS_PENDING;
  }

  // Adds `count` distinct entries of items[0, n): the first `always` ones,
  // then a random choice of the rest, in table order.
  template <typename T, typename Add>
  void AddSome(const T* items, int n, int always, int count, Add add) {
    count = std::min(count, n);
    uint32_t chosen = (1u << always) - 1;
    for (int have = always; have < count;) {
      const int pick = always + static_cast<int>(rng_.Below(n - always));
      if (chosen & (1u << pick)) continue;
      chosen |= 1u << pick;
      ++have;
    }
    for (int i = 0; i < n; ++i) {
      if (chosen & (1u << i)) add(items[i]);
    }
  }

  void Services() {
    for (int a = 0; a < archetype_count_; ++a) {
      const Archetype& arch = kArchetypes[archetypes_[a]];
      const int n = CountUntil(arch.services, [](const Service& s) { return s.code.empty(); });
      int count = rng_.Between(arch.min_services, arch.max_services);
      if (archetype_count_ > 1) count = std::max(arch.always, count - 1);
      AddSome(arch.services, n, arch.always, count, [&](const Service& s) {
        if (!AddUnique(out_.mutable_services(), s.code)) return;
        service_factor_[service_count_] = s.factor_percent;
        service_is_kpo_[service_count_] = arch.model == SERVICE_MODEL_KPO;
        ++service_count_;
      });
    }
  }

  // One to three centres: the first in a headquarters city, the others in
  // another city there or in a partner country.
  void DeliveryCenters() {
    const int sites = rng_.Percent(60) ? 1 : (rng_.Percent(75) ? 2 : 3);
    AddSite(hq_);
    for (int i = 1; i < sites; ++i) {
      const bool abroad = rng_.Percent(Hq().tier == kOnshore && kind_ != kKpo ? 60 : 35);
      if (!AddSite(abroad ? rng_.Pick(Hq().partners) : hq_)) break;
    }
    SplitHeadcount(TotalHeadcount());
  }

  // A headcount from the model's size bands (KPO firms are smaller).
  int TotalHeadcount() {
    const auto& bands = kHeadcountBands[kind_ == kKpo ? 1 : 0];
    int total_weight = 0;
    for (const auto& band : bands) total_weight += band[2];
    int pick = static_cast<int>(rng_.Below(total_weight));
    int b = 0;
    while (pick >= bands[b][2]) pick -= bands[b++][2];
    return rng_.Between(bands[b][0], bands[b][1]);
  }

  // Adds the centres, sharing `total` staff between them; the largest
  // centre sets the rate tier.
  void SplitHeadcount(int total) {
    int site_weight[3];
    int total_weight = 0;
    for (int i = 0; i < site_count_; ++i) {
      // Onshore headquarters staff most seats in their cheaper centres abroad.
      const bool offshored = Hq().tier == kOnshore && sites_[i].country != hq_;
      site_weight[i] = rng_.Between(2, 10) * (offshored ? 3 : 1);
      total_weight += site_weight[i];
    }
    int largest = -1;
    for (int i = 0; i < site_count_; ++i) {
      const int headcount = std::max(40, total * site_weight[i] / total_weight / 10 * 10);
      if (largest < 0 || headcount > largest) {
        largest = headcount;
        tier_ = kCountries[sites_[i].country].tier;
      }
      AddCenter(sites_[i], headcount);
    }
  }

  // Adds a site in a city of `country` not used yet; false when none is left.
  bool AddSite(CountryId country) {
    const int cities = CityCount(kCountries[country]);
    const int start = static_cast<int>(rng_.Below(cities));
    for (int k = 0; k < cities; ++k) {
      const Site site{country, (start + k) % cities};
      bool used = false;
      for (int i = 0; i < site_count_; ++i) {
        used |= sites_[i].country == site.country && sites_[i].city == site.city;
      }
      if (used) continue;
      sites_[site_count_++] = site;
      return true;
    }
    return false;
  }

  void AddCenter(const Site& site, int headcount) {
    const Country& country = kCountries[site.country];
    const City& city = country.cities[site.city];
    DeliveryCenter* c = out_.add_delivery_centers();
    Assign(c->mutable_country_code(), country.code);
    Assign(c->mutable_city(), city.name);
    Assign(c->mutable_time_zone(), city.zone);
    c->set_headcount(headcount);
    const int seats = (headcount * rng_.Between(2, 15) / 100 + 2) / 5 * 5;
    c->set_seats_available(std::min(headcount, std::max(5, seats)));
    if (kind_ != kKpo && headcount >= 700 && rng_.Percent(60)) {
      c->set_round_the_clock(true);
      return;
    }
    AddShifts(country.tier, *c);
  }

  void AddShifts(Tier tier, DeliveryCenter& c) {
    const ShiftPlan* plan;
    if (kind_ == kKpo) {
      // The last plan (late shift for US overlap) is for offshore centres.
      const int plans = static_cast<int>(std::size(kKpoPlans)) - (tier >= kNearshore ? 1 : 0);
      plan = &kKpoPlans[rng_.Below(plans)];
    } else if (tier == kOnshore) {
      plan = &rng_.Pick(kBpoOnshorePlans);
    } else if (tier == kNearshore || tier == kNearshoreEu) {
      plan = &rng_.Pick(kBpoNearshorePlans);
    } else {
      plan = &rng_.Pick(kBpoOffshorePlans);
    }
    for (const ShiftSpec& spec : plan->shifts) {
      if (spec.days == 0) continue;
      v1::Shift* shift = c.add_shifts();
      for (int d = 0; d < 7; ++d) {
        if (spec.days & (1 << d)) shift->add_days(static_cast<google::type::DayOfWeek>(d + 1));
      }
      SetTime(spec.start, *shift->mutable_start_time());
      SetTime(spec.end, *shift->mutable_end_time());
    }
  }

  static void SetTime(int minutes, google::type::TimeOfDay& t) {
    t.set_hours(minutes / 60);
    t.set_minutes(minutes % 60);
  }

  void Languages() {
    for (int i = 0; i < site_count_; ++i) {
      const Country& c = kCountries[sites_[i].country];
      for (int k = 0; k < c.base_languages; ++k)
        AddUnique(out_.mutable_languages(), c.languages[k]);
    }
    const int known = ViewCount(Hq().languages);
    if (known > Hq().base_languages && rng_.Percent(40)) {
      const int k = rng_.Between(Hq().base_languages, known - 1);
      AddUnique(out_.mutable_languages(), Hq().languages[k]);
    }
  }

  void Certifications() {
    for (int a = 0; a < archetype_count_; ++a) {
      const Archetype& arch = kArchetypes[archetypes_[a]];
      const int n = CountUntil(arch.certs, [](const Cert& c) { return c.code.empty(); });
      AddSome(arch.certs, n, 1, rng_.Between(1, 3), [&](const Cert& c) { AddCert(c, false); });
    }
    bool in_eu = false;
    for (int i = 0; i < site_count_; ++i) {
      in_eu |= kCountries[sites_[i].country].tier == kNearshoreEu || sites_[i].country == kIE ||
               sites_[i].country == kDE;
    }
    if (in_eu && rng_.Percent(50)) AddCert(kGdpr, false);
    if (rng_.Under(Threshold(options_.expired_certificate_share))) {
      const int start = static_cast<int>(rng_.Below(std::size(kExpirable)));
      for (size_t k = 0; k < std::size(kExpirable); ++k) {
        const Cert& c = kExpirable[(start + k) % std::size(kExpirable)];
        if (!HasCert(c.code)) {
          AddCert(c, true);
          break;
        }
      }
    }
  }

  bool HasCert(absl::string_view code) const {
    for (const v1::Certification& c : out_.certifications()) {
      if (c.code() == code) return true;
    }
    return false;
  }

  // Valid certificates expire between March 2026 and the end of their
  // validity; expired ones between March 2024 and October 2025. Issue dates
  // are never after October 2025.
  void AddCert(const Cert& cert, bool expired) {
    if (!expired && HasCert(cert.code)) return;
    int month = expired ? 2024 * 12 + 2 + rng_.Between(0, 19)
                        : 2026 * 12 + 2 + rng_.Between(0, cert.years * 12 - 5);
    const int day = rng_.Between(2, 28);
    v1::Certification* c = out_.add_certifications();
    Assign(c->mutable_code(), cert.code);
    SetDate(month - cert.years * 12, day, *c->mutable_issue_date());
    SetDate(month, day - 1, *c->mutable_expiry_date());
    Assign(c->mutable_issuer(), cert.issuer);
  }

  // `months` counts from year 0 (months = year * 12 + month - 1).
  static void SetDate(int months, int day, google::type::Date& d) {
    d.set_year(months / 12);
    d.set_month(months % 12 + 1);
    d.set_day(day);
  }

  void Industries() {
    const Archetype& arch = Primary();
    const int n = CountUntil(arch.industries, [](const Industry& i) { return i.code.empty(); });
    AddSome(arch.industries, n, 1, rng_.Between(2, 4),
            [&](const Industry& i) { AddUnique(out_.mutable_industries(), i.code); });
    if (archetype_count_ > 1) {
      AddUnique(out_.mutable_industries(), kArchetypes[archetypes_[1]].industries[0].code);
    }
  }

  void RateCard() {
    const Country& hq = Hq();
    currency_ = &kCurrencies[rng_.Percent(hq.local_currency_percent) ? hq.currency : kUSD];
    const TierRates& tier = kTierRates[tier_];
    const int premium = hq.tier == kOnshore && tier_ != kOnshore ? 108 : 100;
    const int bpo_base = rng_.Between(tier.bpo_lo, tier.bpo_hi) * premium / 100;
    const int kpo_base = rng_.Between(tier.kpo_lo, tier.kpo_hi) * premium / 100;
    const int bpo_bands = rng_.Between(1, 3);
    const int kpo_first = rng_.Between(0, 1);
    const int kpo_bands = rng_.Between(2, 3);
    for (int s = 0; s < service_count_; ++s) {
      const bool kpo = service_is_kpo_[s];
      const int jitter = rng_.Between(96, 104);
      const int first = kpo ? kpo_first : 0;
      const int last = first + (kpo ? kpo_bands : bpo_bands);
      for (int b = first; b < last; ++b) {
        int64_t cents = int64_t{kpo ? kpo_base : bpo_base} * service_factor_[s] / 100 *
                        kBands[b].factor_percent / 100 * jitter / 100;
        if (kpo) cents = std::clamp<int64_t>(cents, tier.kpo_lo, tier.kpo_cap);
        v1::Rate* rate = out_.add_rate_card();
        Assign(rate->mutable_service(), out_.services(s));
        rate->set_seniority(kBands[b].seniority);
        Assign(rate->mutable_hourly_rate()->mutable_currency_code(), currency_->code);
        rate->mutable_hourly_rate()->set_minor_units(ToMinorUnits(cents, *currency_));
      }
    }
  }

  void MinimumEngagement() {
    if (!rng_.Percent(90)) return;
    static constexpr int kBpoHeadcount[] = {5, 10, 10, 15, 20, 25, 50};
    static constexpr int kBpoMonths[] = {6, 12, 12, 12, 24, 36};
    static constexpr int kKpoHeadcount[] = {1, 2, 2, 3, 5, 8, 10};
    static constexpr int kKpoMonths[] = {3, 6, 6, 12, 12, 24};
    const bool kpo = kind_ == kKpo;
    const int headcount = kpo ? rng_.Pick(kKpoHeadcount) : rng_.Pick(kBpoHeadcount);
    v1::MinimumEngagement* m = out_.mutable_minimum_engagement();
    m->set_headcount(headcount);
    m->set_duration_months(kpo ? rng_.Pick(kKpoMonths) : rng_.Pick(kBpoMonths));
    const int64_t hourly = out_.rate_card(0).hourly_rate().minor_units();
    const int64_t step = currency_->step * 1000;
    const int64_t value = (hourly * headcount * 160 + step / 2) / step * step;
    Assign(m->mutable_monthly_value()->mutable_currency_code(), currency_->code);
    m->mutable_monthly_value()->set_minor_units(std::max(value, step));
  }

  void QualityAndTalent() {
    v1::QualitySignals* q = out_.mutable_quality();
    const bool pending = out_.status() == Provider::STATUS_PENDING;
    const int reviews = pending ? rng_.Between(0, 12) : rng_.Between(3, 600);
    const int rating = rng_.Between(32, 49);
    if (reviews > 0) q->set_rating(kTenths[rating]);
    q->set_review_count(reviews);
    q->set_sla_attainment_percent(kTenths[rng_.Between(880, 998)]);
    v1::TalentProfile* t = out_.mutable_talent();
    const int percent = kind_ == kKpo   ? rng_.Between(45, 92)
                        : kind_ == kBpo ? rng_.Between(2, 15)
                                        : rng_.Between(15, 40);
    t->set_qualified_staff_percent(percent);
    for (int a = 0; a < archetype_count_; ++a) {
      const Archetype& arch = kArchetypes[archetypes_[a]];
      const int n = ViewCount(arch.qualifications);
      AddSome(arch.qualifications, n, 1, rng_.Between(1, n),
              [&](absl::string_view q) { AddUnique(t->mutable_qualifications(), q); });
    }
  }

  void DeclaredModels() {
    bool models[4] = {false, false, false, false};
    for (int i = 0; i < site_count_; ++i) {
      const Country& c = kCountries[sites_[i].country];
      if (c.tier == kOnshore) {
        models[v1::DELIVERY_MODEL_ONSHORE] = true;
      } else if (c.tier == kNearshore || c.tier == kNearshoreEu) {
        models[v1::DELIVERY_MODEL_NEARSHORE] = true;
        models[v1::DELIVERY_MODEL_ONSHORE] |= rng_.Percent(30);
      } else {
        models[v1::DELIVERY_MODEL_OFFSHORE] = true;
        models[v1::DELIVERY_MODEL_NEARSHORE] |= c.europe_facing && rng_.Percent(40);
        models[v1::DELIVERY_MODEL_ONSHORE] |= rng_.Percent(20);
      }
    }
    for (int m = 1; m <= 3; ++m) {
      if (models[m]) out_.add_declared_delivery_models(static_cast<DeliveryModel>(m));
    }
  }

  void Description() {
    const absl::string_view city = out_.delivery_centers(0).city();
    const absl::string_view industry = Primary().industries[0].words;
    std::string* d = out_.mutable_description();
    if (kind_ == kBoth) {
      absl::StrAppend(d, "Combines ", Primary().what, " with ", kArchetypes[archetypes_[1]].what,
                      " from ", city, ", mainly for ", industry, " clients.");
      return;
    }
    absl::StrAppend(d, kind_ == kBpo ? "BPO" : "KPO", " provider offering ", Primary().what,
                    " from ", city);
    if (out_.delivery_centers_size() > 1) {
      absl::StrAppend(d, " and ", out_.delivery_centers_size() - 1, " more site",
                      out_.delivery_centers_size() > 2 ? "s" : "");
    }
    absl::StrAppend(d, " for ", industry, " clients.");
  }

  const int64_t index_;
  const GeneratorOptions& options_;
  Rng rng_;
  Provider& out_;
  Kind kind_ = kBpo;
  int archetypes_[2] = {0, 0};
  int archetype_count_ = 1;
  CountryId hq_ = kPH;
  Tier tier_ = kOffshore;  // Of the largest delivery centre.
  Site sites_[3] = {};
  int site_count_ = 0;
  int service_factor_[16] = {};  // Per entry of out_.services().
  bool service_is_kpo_[16] = {};
  int service_count_ = 0;
  const Currency* currency_ = &kCurrencies[kUSD];
};

}  // namespace

void GenerateProviderInto(int64_t index, const GeneratorOptions& options, Provider& out) {
  ProviderBuilder(index, options, out).Build();
}

Provider GenerateProvider(int64_t index, const GeneratorOptions& options) {
  Provider p;
  GenerateProviderInto(index, options, p);
  return p;
}

void GenerateProviders(int64_t count, const GeneratorOptions& options,
                       absl::FunctionRef<void(int64_t, Provider&)> sink) {
  Provider p;
  for (int64_t i = 0; i < count; ++i) {
    GenerateProviderInto(i, options, p);
    sink(i, p);
  }
}

}  // namespace vendormatch
