// The generator's catalogue: services with their rate factors, industries,
// certificates and their issuers, the archetypes of what providers do, and
// the small tables of sizes, seniority bands and engagement terms. Data only
// (see generator_tables.h).
#include <array>

#include "services/registry/generator_rng.h"
#include "services/registry/generator_tables.h"

namespace vendormatch::gen {

constexpr Service kCustomerSupport{"CUSTOMER_SUPPORT", v1::SERVICE_MODEL_BPO, 1.0};
constexpr Service kCallCenterInbound{"CALL_CENTER_INBOUND", v1::SERVICE_MODEL_BPO, 1.0};
constexpr Service kCallCenterOutbound{"CALL_CENTER_OUTBOUND", v1::SERVICE_MODEL_BPO, 0.95};
constexpr Service kHelpDesk{"HELP_DESK", v1::SERVICE_MODEL_BPO, 1.1};
constexpr Service kTechnicalSupport{"TECHNICAL_SUPPORT", v1::SERVICE_MODEL_BPO, 1.15};
constexpr Service kDataEntry{"DATA_ENTRY", v1::SERVICE_MODEL_BPO, 0.85};
constexpr Service kPayroll{"PAYROLL", v1::SERVICE_MODEL_BPO, 1.15};
constexpr Service kHrAdministration{"HR_ADMINISTRATION", v1::SERVICE_MODEL_BPO, 1.05};
constexpr Service kRecruitment{"RECRUITMENT", v1::SERVICE_MODEL_BPO, 1.15};
constexpr Service kStaffTraining{"STAFF_TRAINING", v1::SERVICE_MODEL_BPO, 1.2};
constexpr Service kFinanceAndAccounting{"FINANCE_AND_ACCOUNTING", v1::SERVICE_MODEL_BPO, 1.2};
constexpr Service kWebsiteMaintenance{"WEBSITE_MAINTENANCE", v1::SERVICE_MODEL_BPO, 1.2};
constexpr Service kBackOfficeAdministration{"BACK_OFFICE_ADMINISTRATION", v1::SERVICE_MODEL_BPO,
                                            0.9};
constexpr Service kContentModeration{"CONTENT_MODERATION", v1::SERVICE_MODEL_BPO, 0.95};
constexpr Service kClaimsProcessing{"CLAIMS_PROCESSING", v1::SERVICE_MODEL_BPO, 1.05};
constexpr Service kOrderManagement{"ORDER_MANAGEMENT", v1::SERVICE_MODEL_BPO, 0.9};
constexpr Service kCollections{"COLLECTIONS", v1::SERVICE_MODEL_BPO, 1.05};
constexpr Service kMarketResearch{"MARKET_RESEARCH", v1::SERVICE_MODEL_KPO, 0.95};
constexpr Service kCompetitiveIntelligence{"COMPETITIVE_INTELLIGENCE", v1::SERVICE_MODEL_KPO, 1.0};
constexpr Service kInvestmentResearch{"INVESTMENT_RESEARCH", v1::SERVICE_MODEL_KPO, 1.2};
constexpr Service kFinancialResearch{"FINANCIAL_RESEARCH", v1::SERVICE_MODEL_KPO, 1.1};
constexpr Service kFinancialModeling{"FINANCIAL_MODELING", v1::SERVICE_MODEL_KPO, 1.15};
constexpr Service kRiskAnalysis{"RISK_ANALYSIS", v1::SERVICE_MODEL_KPO, 1.15};
constexpr Service kLegalProcessOutsourcing{"LEGAL_PROCESS_OUTSOURCING", v1::SERVICE_MODEL_KPO,
                                           1.15};
constexpr Service kContractAnalysis{"CONTRACT_ANALYSIS", v1::SERVICE_MODEL_KPO, 1.05};
constexpr Service kIpPatentResearch{"IP_PATENT_RESEARCH", v1::SERVICE_MODEL_KPO, 1.2};
constexpr Service kDataAnalytics{"DATA_ANALYTICS", v1::SERVICE_MODEL_KPO, 1.05};
constexpr Service kBusinessResearch{"BUSINESS_RESEARCH", v1::SERVICE_MODEL_KPO, 0.9};
constexpr Service kResearchAndDevelopment{"RESEARCH_AND_DEVELOPMENT", v1::SERVICE_MODEL_KPO, 1.15};
constexpr Service kScientificResearch{"SCIENTIFIC_RESEARCH", v1::SERVICE_MODEL_KPO, 1.2};
constexpr Service kClinicalDataAnalysis{"CLINICAL_DATA_ANALYSIS", v1::SERVICE_MODEL_KPO, 1.15};
constexpr Service kEngineeringDesign{"ENGINEERING_DESIGN", v1::SERVICE_MODEL_KPO, 1.1};
constexpr Service kArchitecturalDesign{"ARCHITECTURAL_DESIGN", v1::SERVICE_MODEL_KPO, 1.05};
constexpr Service kSoftwareDesign{"SOFTWARE_DESIGN", v1::SERVICE_MODEL_KPO, 1.1};
constexpr Service kAlgorithmDesign{"ALGORITHM_DESIGN", v1::SERVICE_MODEL_KPO, 1.2};
constexpr Service kTechnicalDocumentation{"TECHNICAL_DOCUMENTATION", v1::SERVICE_MODEL_KPO, 0.85};
constexpr Service kHealthcareInformationManagement{"HEALTHCARE_INFORMATION_MANAGEMENT",
                                                   v1::SERVICE_MODEL_KPO, 0.9};
constexpr Service kAnimationAndDesign{"ANIMATION_AND_DESIGN", v1::SERVICE_MODEL_KPO, 0.9};
constexpr Service kDigitalMarketing{"DIGITAL_MARKETING", v1::SERVICE_MODEL_KPO, 0.85};

constexpr Industry kBanking{"BANKING", "banking"};
constexpr Industry kInsurance{"INSURANCE", "insurance"};
constexpr Industry kCapitalMarkets{"CAPITAL_MARKETS", "capital-markets"};
constexpr Industry kHealthcare{"HEALTHCARE", "healthcare"};
constexpr Industry kPharmaLifeSciences{"PHARMA_LIFE_SCIENCES", "life-sciences"};
constexpr Industry kRetailEcommerce{"RETAIL_ECOMMERCE", "e-commerce"};
constexpr Industry kTelecom{"TELECOM", "telecom"};
constexpr Industry kTechnology{"TECHNOLOGY", "technology"};
constexpr Industry kManufacturing{"MANUFACTURING", "manufacturing"};
constexpr Industry kAutomotive{"AUTOMOTIVE", "automotive"};
constexpr Industry kEnergyUtilities{"ENERGY_UTILITIES", "utilities"};
constexpr Industry kTravelHospitality{"TRAVEL_HOSPITALITY", "travel"};
constexpr Industry kLogistics{"LOGISTICS", "logistics"};
constexpr Industry kMediaEntertainment{"MEDIA_ENTERTAINMENT", "media"};
constexpr Industry kPublicSector{"PUBLIC_SECTOR", "public-sector"};
constexpr Industry kEducation{"EDUCATION", "education"};
constexpr Industry kLegal{"LEGAL", "legal"};
constexpr Industry kRealEstate{"REAL_ESTATE", "real-estate"};
constexpr Industry kProfessionalServices{"PROFESSIONAL_SERVICES", "professional-services"};
constexpr Industry kGaming{"GAMING", "gaming"};

constexpr Issuers kIsoBodies{
    {"BSI", "SGS", "Bureau Veritas", "TÜV SÜD", "DNV", "Intertek", "LRQA", "TÜV Rheinland"}};
constexpr Issuers kSoc1Issuers{
    {"Harlow & Pike CPAs", "Whitcombe Assurance LLP", "Castellan Audit Partners"}};
constexpr Issuers kHipaaIssuers{{"Meridale Compliance Group", "Whitcombe Assurance LLP"}};
constexpr Issuers kPciDssIssuers{{"Ironvale Security Assessors", "Castellan Audit Partners"}};
constexpr Issuers kGdprIssuers{{"Europrivacy"}};
constexpr Issuers kCopcIssuers{{"COPC Inc."}};
constexpr Issuers kCmmi3Issuers{{"CMMI Institute"}};
constexpr Issuers kHitrustIssuers{{"HITRUST Alliance"}};

constexpr Cert kIso9001{"ISO9001", 3, &kIsoBodies};
constexpr Cert kIso27001{"ISO27001", 3, &kIsoBodies};
constexpr Cert kIso27701{"ISO27701", 3, &kIsoBodies};
constexpr Cert kIso14001{"ISO14001", 3, &kIsoBodies};
constexpr Cert kIso22301{"ISO22301", 3, &kIsoBodies};
constexpr Cert kIso13485{"ISO13485", 3, &kIsoBodies};
constexpr Cert kSoc1{"SOC1", 1, &kSoc1Issuers};
constexpr Cert kSoc2{"SOC2", 1, &kSoc1Issuers};
constexpr Cert kHipaa{"HIPAA", 1, &kHipaaIssuers};
constexpr Cert kPciDss{"PCI_DSS", 1, &kPciDssIssuers};
constexpr Cert kGdpr{"GDPR", 3, &kGdprIssuers};
constexpr Cert kCopc{"COPC", 2, &kCopcIssuers};
constexpr Cert kCmmi3{"CMMI3", 3, &kCmmi3Issuers};
constexpr Cert kCmmi5{"CMMI5", 3, &kCmmi3Issuers};
constexpr Cert kHitrust{"HITRUST", 2, &kHitrustIssuers};

// clang-format off
// In the order of ArchetypeId.
constexpr Archetype kArchetypes[kArchetypeCount] = {
    // kContactCenter
    {.model = v1::SERVICE_MODEL_BPO, .multilingual = true, .always = 2,
     .min_services = 3, .max_services = 6,
     .services = {kCustomerSupport, kCallCenterInbound, kCallCenterOutbound, kHelpDesk,
      kTechnicalSupport, kOrderManagement, kCollections, kStaffTraining, kBackOfficeAdministration},
     .industries = {kTelecom, kRetailEcommerce, kTravelHospitality, kBanking, kEnergyUtilities,
      kTechnology, kInsurance, kMediaEntertainment, kLogistics},
     .certs = {kIso27001, kCopc, kPciDss, kIso9001, kIso22301, kSoc2},
     .qualifications = {"ITIL", "PMP"},
     .words = {"Contact Solutions", "CX", "Customer Care", "Connect", "Support Services", "Voice",
      "Care Partners", "Contact Centre"},
     .what = {"voice, chat and email customer support",
      "omnichannel customer care and sales support", "multilingual contact-centre operations"}},
    // kTechSupport
    {.model = v1::SERVICE_MODEL_BPO, .multilingual = false, .always = 2,
     .min_services = 3, .max_services = 5,
     .services = {kTechnicalSupport, kHelpDesk, kCustomerSupport, kWebsiteMaintenance,
      kCallCenterInbound, kStaffTraining, kOrderManagement},
     .industries = {kTechnology, kTelecom, kGaming, kRetailEcommerce, kEducation,
      kProfessionalServices},
     .certs = {kIso27001, kSoc2, kIso9001, kIso22301, kIso27701},
     .qualifications = {"ITIL", "CCNA", "CISSP"},
     .words = {"Tech Support", "Help Desk Services", "IT Support", "Service Desk", "TechCare"},
     .what = {"tier 1 and tier 2 technical support and service desk",
      "24/7 IT help desk and end-user support", "software and device support for end users"}},
    // kBackOffice
    {.model = v1::SERVICE_MODEL_BPO, .multilingual = false, .always = 2,
     .min_services = 3, .max_services = 5,
     .services = {kDataEntry, kBackOfficeAdministration, kOrderManagement, kClaimsProcessing,
      kFinanceAndAccounting, kHrAdministration, kWebsiteMaintenance},
     .industries = {kLogistics, kInsurance, kRetailEcommerce, kBanking, kRealEstate, kPublicSector,
      kManufacturing},
     .certs = {kIso27001, kIso9001, kSoc2, kIso27701},
     .qualifications = {"PMP", "Lean Six Sigma"},
     .words = {"Data Works", "Process Services", "Back Office", "Operations", "Data Services",
      "Document Services"},
     .what = {"document processing, data entry and back-office administration",
      "back-office operations and data processing", "high-volume data capture and indexing"}},
    // kFinanceHr
    {.model = v1::SERVICE_MODEL_BPO, .multilingual = false, .always = 2,
     .min_services = 3, .max_services = 6,
     .services = {kPayroll, kFinanceAndAccounting, kHrAdministration, kRecruitment, kStaffTraining,
      kBackOfficeAdministration, kCollections, kDataEntry},
     .industries = {kProfessionalServices, kManufacturing, kBanking, kRetailEcommerce, kTechnology,
      kLogistics, kEducation},
     .certs = {kIso27001, kSoc1, kSoc2, kIso9001, kIso27701},
     .qualifications = {"ACCA", "CPA", "CMA", "CIPD"},
     .words = {"Payroll Partners", "Ledger Services", "Finance Operations", "People Services",
      "HR Solutions", "Accounting Services"},
     .what = {"payroll, accounts payable and bookkeeping",
      "finance and accounting transactions and payroll",
      "multi-country payroll and finance operations"}},
    // kHealthcareBpo
    {.model = v1::SERVICE_MODEL_BPO, .multilingual = false, .always = 1,
     .min_services = 3, .max_services = 5,
     .services = {kClaimsProcessing, kCustomerSupport, kCallCenterInbound, kDataEntry, kCollections,
      kBackOfficeAdministration},
     .industries = {kHealthcare, kInsurance, kPharmaLifeSciences},
     .certs = {kHipaa, kIso27001, kSoc2, kHitrust},
     .qualifications = {"CPC", "RN", "CCS"},
     .words = {"Health Services", "Claims Services", "Medical Billing", "Healthcare Support",
      "Care Operations"},
     .what = {"medical claims processing, billing and patient support",
      "revenue-cycle and claims operations", "member services and claims adjudication"}},
    // kTrustSafety
    {.model = v1::SERVICE_MODEL_BPO, .multilingual = true, .always = 1,
     .min_services = 2, .max_services = 4,
     .services = {kContentModeration, kCustomerSupport, kDataEntry, kBackOfficeAdministration,
      kStaffTraining},
     .industries = {kMediaEntertainment, kGaming, kTechnology, kRetailEcommerce},
     .certs = {kIso27001, kIso27701, kSoc2, kIso9001},
     .qualifications = {"CIPP", "PMP"},
     .words = {"Trust & Safety", "Moderation Services", "Content Review", "Safe Content"},
     .what = {"content moderation and trust-and-safety review",
      "user-generated content review and community support"}},
    // kCollectionAgency
    {.model = v1::SERVICE_MODEL_BPO, .multilingual = false, .always = 2,
     .min_services = 2, .max_services = 4,
     .services = {kCollections, kCallCenterOutbound, kCallCenterInbound, kCustomerSupport,
      kFinanceAndAccounting, kDataEntry},
     .industries = {kBanking, kEnergyUtilities, kTelecom, kHealthcare, kInsurance},
     .certs = {kPciDss, kIso27001, kSoc2, kIso9001},
     .qualifications = {"CCE", "CPA"},
     .words = {"Collections", "Receivables Management", "Recovery Services", "Credit Services"},
     .what = {"early- and late-stage collections and receivables management",
      "compliant outbound collections and payment support"}},
    // kResearch
    {.model = v1::SERVICE_MODEL_KPO, .multilingual = false, .always = 1,
     .min_services = 2, .max_services = 4,
     .services = {kMarketResearch, kCompetitiveIntelligence, kBusinessResearch, kDataAnalytics,
      kDigitalMarketing},
     .industries = {kRetailEcommerce, kPharmaLifeSciences, kTechnology, kProfessionalServices,
      kAutomotive, kMediaEntertainment, kTelecom},
     .certs = {kIso27001, kIso9001, kGdpr, kIso27701},
     .qualifications = {"MBA", "PhD", "MSc"},
     .words = {"Insights", "Research", "Market Intelligence", "Analytics", "Research Partners"},
     .what = {"market research and consumer insight",
      "primary and secondary market research for strategy teams",
      "market sizing and consumer insight studies"}},
    // kFinResearch
    {.model = v1::SERVICE_MODEL_KPO, .multilingual = false, .always = 1,
     .min_services = 3, .max_services = 5,
     .services = {kFinancialResearch, kInvestmentResearch, kFinancialModeling, kRiskAnalysis,
      kDataAnalytics, kBusinessResearch},
     .industries = {kCapitalMarkets, kBanking, kInsurance, kProfessionalServices, kRealEstate},
     .certs = {kIso27001, kSoc2, kSoc1, kIso9001},
     .qualifications = {"CFA", "CA", "FRM", "MBA", "CPA"},
     .words = {"Financial Research", "Capital Analytics", "Equity Research", "Quant Research",
      "Risk Analytics"},
     .what = {"equity and credit research for asset managers and banks",
      "investment research and valuation support", "financial research and company profiling"}},
    // kLegalKpo
    {.model = v1::SERVICE_MODEL_KPO, .multilingual = false, .always = 1,
     .min_services = 2, .max_services = 4,
     .services = {kLegalProcessOutsourcing, kContractAnalysis, kIpPatentResearch, kBusinessResearch,
      kTechnicalDocumentation},
     .industries = {kLegal, kProfessionalServices, kPharmaLifeSciences, kTechnology, kBanking,
      kRealEstate},
     .certs = {kIso27001, kIso27701, kGdpr, kSoc2},
     .qualifications = {"JD", "LLB", "LLM", "CS"},
     .words = {"Legal Services", "Legal Process", "IP Research", "Contract Analytics",
      "Law Support"},
     .what = {"contract review, legal research and document review",
      "legal research, document review and drafting support",
      "legal process outsourcing for law firms and in-house teams"}},
    // kLifeSci
    {.model = v1::SERVICE_MODEL_KPO, .multilingual = false, .always = 1,
     .min_services = 2, .max_services = 5,
     .services = {kClinicalDataAnalysis, kScientificResearch, kResearchAndDevelopment,
      kTechnicalDocumentation, kHealthcareInformationManagement, kDataAnalytics},
     .industries = {kPharmaLifeSciences, kHealthcare},
     .certs = {kIso27001, kHipaa, kIso13485, kGdpr, kIso9001},
     .qualifications = {"PhD", "MD", "PharmD", "MSc"},
     .words = {"Clinical Analytics", "Life Sciences", "Biometrics", "Medical Informatics",
      "Scientific Services"},
     .what = {"clinical data management, biostatistics and medical writing",
      "scientific research support and clinical data analysis"}},
    // kEngineering
    {.model = v1::SERVICE_MODEL_KPO, .multilingual = false, .always = 1,
     .min_services = 2, .max_services = 4,
     .services = {kEngineeringDesign, kArchitecturalDesign, kTechnicalDocumentation,
      kResearchAndDevelopment, kSoftwareDesign},
     .industries = {kManufacturing, kAutomotive, kEnergyUtilities, kRealEstate, kPublicSector},
     .certs = {kIso9001, kIso14001, kIso27001},
     .qualifications = {"PE", "MSc", "PMP", "LEED AP"},
     .words = {"Engineering", "Design Engineering", "Engineering Services", "Technical Services",
      "Design Studio"},
     .what = {"mechanical and civil engineering design and CAD drafting",
      "product engineering, CAD and simulation", "structural and MEP engineering design"}},
    // kSoftware
    {.model = v1::SERVICE_MODEL_KPO, .multilingual = false, .always = 1,
     .min_services = 2, .max_services = 4,
     .services = {kSoftwareDesign, kAlgorithmDesign, kDataAnalytics, kResearchAndDevelopment,
      kTechnicalDocumentation},
     .industries = {kTechnology, kBanking, kTelecom, kGaming, kAutomotive, kHealthcare},
     .certs = {kIso27001, kCmmi3, kCmmi5, kSoc2, kIso9001},
     .qualifications = {"MSc", "PhD", "CISSP"},
     .words = {"Labs", "Software Design", "Algorithmics", "Data Science", "Systems Design"},
     .what = {"software architecture and design", "software design for product and platform teams",
      "software design and engineering reviews"}},
    // kCreative
    {.model = v1::SERVICE_MODEL_KPO, .multilingual = false, .always = 1,
     .min_services = 2, .max_services = 3,
     .services = {kAnimationAndDesign, kDigitalMarketing, kMarketResearch, kTechnicalDocumentation},
     .industries = {kMediaEntertainment, kGaming, kEducation, kRetailEcommerce, kTravelHospitality},
     .certs = {kIso27001, kIso9001},
     .qualifications = {"MFA", "BFA", "MBA"},
     .words = {"Animation Studio", "Creative", "Digital Studio", "Motion Works", "Design Studio"},
     .what = {"2D and 3D animation and design", "motion graphics and brand design"}},
    // kHealthInfo
    {.model = v1::SERVICE_MODEL_KPO, .multilingual = false, .always = 1,
     .min_services = 2, .max_services = 4,
     .services = {kHealthcareInformationManagement, kClinicalDataAnalysis, kDataAnalytics,
      kTechnicalDocumentation},
     .industries = {kHealthcare, kInsurance, kPharmaLifeSciences},
     .certs = {kHipaa, kHitrust, kIso27001, kSoc2},
     .qualifications = {"RHIA", "CCS", "MD", "RN"},
     .words = {"Health Informatics", "Health Information Services", "Clinical Coding",
      "Medical Records"},
     .what = {"medical coding, clinical documentation and health information management",
      "health records abstraction and clinical analytics"}},
};

// clang-format on

constexpr ArchetypeId kMixedPairs[8][2] = {
    {kFinanceHr, kFinResearch},  {kHealthcareBpo, kHealthInfo}, {kHealthcareBpo, kLifeSci},
    {kContactCenter, kResearch}, {kBackOffice, kLegalKpo},      {kTechSupport, kSoftware},
    {kBackOffice, kResearch},    {kContactCenter, kCreative}};
constexpr absl::string_view kMixedWords[6] = {"Business Services",   "Outsourcing",
                                              "Global Services",     "Knowledge Services",
                                              "Process & Analytics", "Solutions Group"};

constexpr HeadcountBand kHeadcountBands[2][4] = {
    {{40, 300, 2}, {300, 1500, 4}, {1500, 6000, 4}, {6000, 20000, 1}},
    {{40, 150, 3}, {150, 600, 4}, {600, 2500, 3}, {2500, 9000, 1}},
};
constexpr SeniorityBand kBpoBands[3] = {
    {v1::SENIORITY_JUNIOR, 1.0}, {v1::SENIORITY_MID, 1.15}, {v1::SENIORITY_SENIOR, 1.35}};
constexpr SeniorityBand kKpoBands[4] = {{v1::SENIORITY_JUNIOR, 1.0},
                                        {v1::SENIORITY_MID, 1.25},
                                        {v1::SENIORITY_SENIOR, 1.55},
                                        {v1::SENIORITY_EXPERT, 1.85}};

constexpr absl::string_view kLegalExtras[3] = {"Holdings", "Group", "International"};
constexpr FixedWord kFixedWords[1] = {{"Manila Bridge", "Support"}};

constexpr Cert kExpirable[6] = {kIso9001, kIso27001, kSoc2, kPciDss, kHipaa, kCopc};
constexpr YearMonth kExpiredEnds[7] = {{2024, 3}, {2024, 9}, {2025, 1}, {2025, 4},
                                       {2025, 6}, {2025, 8}, {2025, 10}};

constexpr int kBpoEngagementHeadcount[7] = {5, 10, 10, 15, 20, 25, 50};
constexpr int kBpoEngagementMonths[6] = {6, 12, 12, 12, 24, 36};
constexpr int kKpoEngagementHeadcount[7] = {1, 2, 2, 3, 5, 8, 10};
constexpr int kKpoEngagementMonths[6] = {3, 6, 6, 12, 12, 24};

// Computed at compile time so that no optimiser setting (-ffast-math turns
// x / 10.0 into x * 0.1) can change the doubles.
constexpr std::array<double, 1000> kTenths = [] {
  std::array<double, 1000> t{};
  for (int i = 0; i < 1000; ++i) t[i] = i / 10.0;
  return t;
}();

}  // namespace vendormatch::gen
