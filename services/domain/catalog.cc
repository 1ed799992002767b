#include "services/domain/catalog.h"

#include <algorithm>

namespace vendormatch {
namespace {

using ::vendormatch::v1::ServiceModel;

// Sorted by code (checked below). Codes are part of the API: never rename one;
// add a new entry instead.
constexpr CatalogService kCatalog[] = {
    {"ACCOUNTS_PAYABLE", "Accounts payable", ServiceModel::SERVICE_MODEL_BPO,
     "Processing supplier invoices, matching them to purchase orders and scheduling payments."},
    {"ACCOUNTS_RECEIVABLE", "Accounts receivable", ServiceModel::SERVICE_MODEL_BPO,
     "Issuing customer invoices, applying incoming payments and reconciling customer accounts."},
    {"ALGORITHM_DESIGN", "Algorithm design", ServiceModel::SERVICE_MODEL_KPO,
     "Designing and analysing algorithms for optimisation, search, forecasting and similar hard "
     "problems."},
    {"ANIMATION_AND_DESIGN", "Animation and design", ServiceModel::SERVICE_MODEL_KPO,
     "Creative 2D and 3D animation, illustration and visual design work."},
    {"ARCHITECTURAL_DESIGN", "Architectural design", ServiceModel::SERVICE_MODEL_KPO,
     "Building design, drafting and BIM modelling by qualified architects."},
    {"BACK_OFFICE_ADMINISTRATION", "Back-office administration", ServiceModel::SERVICE_MODEL_BPO,
     "Routine administrative work behind the front line, such as records upkeep, scheduling and "
     "document handling."},
    {"BOOKKEEPING", "Bookkeeping", ServiceModel::SERVICE_MODEL_BPO,
     "Recording day-to-day financial transactions and keeping the general ledger up to date."},
    {"BUSINESS_RESEARCH", "Business research", ServiceModel::SERVICE_MODEL_KPO,
     "Researching companies, sectors and opportunities to support strategic decisions."},
    {"CALL_CENTER_INBOUND", "Inbound call centre", ServiceModel::SERVICE_MODEL_BPO,
     "Answering incoming customer calls for orders, enquiries and service requests at volume."},
    {"CALL_CENTER_OUTBOUND", "Outbound call centre", ServiceModel::SERVICE_MODEL_BPO,
     "Placing calls to customers and prospects for sales, surveys, reminders and follow-ups."},
    {"CLAIMS_PROCESSING", "Claims processing", ServiceModel::SERVICE_MODEL_BPO,
     "Intake, verification and adjudication support for insurance and warranty claims under set "
     "rules."},
    {"CLINICAL_DATA_ANALYSIS", "Clinical data analysis", ServiceModel::SERVICE_MODEL_KPO,
     "Statistical programming, analysis and reporting of clinical trial and real-world data."},
    {"COLLECTIONS", "Collections", ServiceModel::SERVICE_MODEL_BPO,
     "Contacting customers about overdue balances and arranging payment under agreed policies."},
    {"COMPETITIVE_INTELLIGENCE", "Competitive intelligence", ServiceModel::SERVICE_MODEL_KPO,
     "Gathering and analysing information on competitors' products, pricing and strategy."},
    {"CONTENT_MODERATION", "Content moderation", ServiceModel::SERVICE_MODEL_BPO,
     "Reviewing user-generated content against platform policies and removing what breaks them."},
    {"CONTRACT_ANALYSIS", "Contract analysis", ServiceModel::SERVICE_MODEL_KPO,
     "Reviewing, abstracting and risk-flagging contracts by legal professionals."},
    {"CUSTOMER_SUPPORT", "Customer support", ServiceModel::SERVICE_MODEL_BPO,
     "Handling customer questions and issues by phone, email, chat and social channels."},
    {"DATA_ANALYTICS", "Data analytics", ServiceModel::SERVICE_MODEL_KPO,
     "Turning business data into insight with statistics, dashboards and predictive models."},
    {"DATA_ANNOTATION", "Data annotation", ServiceModel::SERVICE_MODEL_BPO,
     "Labelling text, images, audio and video to guidelines, for example to train machine-learning "
     "models."},
    {"DATA_ENTRY", "Data entry", ServiceModel::SERVICE_MODEL_BPO,
     "Keying, converting and cleaning data from paper or digital sources into the client's "
     "systems."},
    {"DIGITAL_MARKETING", "Digital marketing", ServiceModel::SERVICE_MODEL_KPO,
     "Planning and running search, social, content and performance marketing campaigns."},
    {"DOCUMENT_PROCESSING", "Document processing", ServiceModel::SERVICE_MODEL_BPO,
     "Scanning, indexing, classifying and extracting data from documents and forms."},
    {"ENGINEERING_DESIGN", "Engineering design", ServiceModel::SERVICE_MODEL_KPO,
     "Mechanical, civil, electrical and product engineering design, CAD and simulation."},
    {"FINANCE_AND_ACCOUNTING", "Finance and accounting transactions",
     ServiceModel::SERVICE_MODEL_BPO,
     "Transactional finance work end to end: payables, receivables, bookkeeping, reconciliations "
     "and close support."},
    {"FINANCIAL_MODELING", "Financial modelling", ServiceModel::SERVICE_MODEL_KPO,
     "Building valuation, forecasting and scenario models for transactions and planning."},
    {"FINANCIAL_RESEARCH", "Financial research", ServiceModel::SERVICE_MODEL_KPO,
     "Analysing financial statements, markets and economic data for decision makers."},
    {"HEALTHCARE_INFORMATION_MANAGEMENT", "Healthcare information management",
     ServiceModel::SERVICE_MODEL_KPO,
     "Managing, abstracting and auditing clinical records and health data to regulatory "
     "standards."},
    {"HELP_DESK", "Help desk", ServiceModel::SERVICE_MODEL_BPO,
     "First-line IT support for the client's employees: tickets, password resets, how-to questions "
     "and triage."},
    {"HR_ADMINISTRATION", "HR administration", ServiceModel::SERVICE_MODEL_BPO,
     "Employee records, onboarding and offboarding paperwork, benefits administration and HR "
     "queries."},
    {"INVESTMENT_RESEARCH", "Investment research", ServiceModel::SERVICE_MODEL_KPO,
     "Equity, credit and fund research supporting investment decisions."},
    {"IP_PATENT_RESEARCH", "IP and patent research", ServiceModel::SERVICE_MODEL_KPO,
     "Prior-art searches, patent landscaping, drafting support and IP portfolio analysis."},
    {"LEGAL_PROCESS_OUTSOURCING", "Legal process outsourcing", ServiceModel::SERVICE_MODEL_KPO,
     "Legal research, document review, drafting and compliance work by qualified lawyers."},
    {"MARKET_RESEARCH", "Market research", ServiceModel::SERVICE_MODEL_KPO,
     "Designing studies and analysing markets, customers and demand to inform strategy."},
    {"MEDICAL_BILLING", "Medical billing and coding", ServiceModel::SERVICE_MODEL_BPO,
     "Coding clinical encounters and preparing, submitting and following up healthcare claims."},
    {"ORDER_MANAGEMENT", "Order management", ServiceModel::SERVICE_MODEL_BPO,
     "Capturing, tracking and updating customer orders, returns and refunds across channels."},
    {"PAYROLL", "Payroll", ServiceModel::SERVICE_MODEL_BPO,
     "Calculating pay, deductions and taxes, running pay cycles and producing payslips and "
     "filings."},
    {"RECRUITMENT", "Recruitment", ServiceModel::SERVICE_MODEL_BPO,
     "Sourcing, screening and scheduling candidates for the client's open positions at volume."},
    {"RESEARCH_AND_DEVELOPMENT", "Research and development", ServiceModel::SERVICE_MODEL_KPO,
     "Applied research and product development on the client's behalf."},
    {"RISK_ANALYSIS", "Risk analysis", ServiceModel::SERVICE_MODEL_KPO,
     "Assessing credit, market, operational and compliance risk with quantitative methods."},
    {"SCIENTIFIC_RESEARCH", "Scientific research", ServiceModel::SERVICE_MODEL_KPO,
     "Literature reviews, experiment design and analysis by scientists and PhDs."},
    {"SOFTWARE_DESIGN", "Software design", ServiceModel::SERVICE_MODEL_KPO,
     "Software architecture and design of systems, components and interfaces."},
    {"STAFF_TRAINING", "Staff training", ServiceModel::SERVICE_MODEL_BPO,
     "Delivering standard onboarding and skills training programmes to the client's staff."},
    {"TECHNICAL_DOCUMENTATION", "Technical documentation", ServiceModel::SERVICE_MODEL_KPO,
     "Writing manuals, specifications, regulatory documents and API references."},
    {"TECHNICAL_SUPPORT", "Technical support", ServiceModel::SERVICE_MODEL_BPO,
     "Troubleshooting the client's products for its customers, from first line to escalation."},
    {"TRANSCRIPTION", "Transcription", ServiceModel::SERVICE_MODEL_BPO,
     "Turning audio and video recordings into text to agreed style and accuracy standards."},
    {"WEBSITE_MAINTENANCE", "Website maintenance", ServiceModel::SERVICE_MODEL_BPO,
     "Keeping websites up to date: content updates, routine fixes, backups and uptime checks."},
};

static_assert(std::is_sorted(std::begin(kCatalog), std::end(kCatalog),
                             [](const CatalogService& a, const CatalogService& b) {
                               return a.code < b.code;
                             }),
              "kCatalog must be sorted by code");

}  // namespace

std::span<const CatalogService> CatalogServices() { return kCatalog; }

const CatalogService* FindCatalogService(absl::string_view code) {
  const auto* it = std::lower_bound(
      std::begin(kCatalog), std::end(kCatalog), code,
      [](const CatalogService& entry, absl::string_view c) { return entry.code < c; });
  if (it == std::end(kCatalog) || it->code != code) return nullptr;
  return it;
}

}  // namespace vendormatch
