#!/usr/bin/env python3
"""Writes providers.yaml, the sample provider registry for local development.

The registry is invented: realistic BPO and KPO providers in 24 countries, with
delivery centres in real cities (and their IANA time zones), rate cards in line
with the market (offshore BPO about $8-16/h, nearshore $14-25/h, onshore
$28-45/h; KPO $20-45/h offshore up to $80-200/h onshore), certifications (some
expired), ratings and talent profiles. Company names are made up.

Deterministic: a fixed seed and our own PRNG (splitmix64, no `random`), so
every run on any Python 3 gives a byte-identical file. Standard library only.

    /usr/bin/python3 deploy/local/sample/make_sample.py          # rewrite providers.yaml
    /usr/bin/python3 deploy/local/sample/make_sample.py --check  # exit 1 if it is stale
    /usr/bin/python3 deploy/local/sample/make_sample.py -o FILE  # write elsewhere ("-": stdout)

Load it with: vendormatchctl import --mode upsert deploy/local/sample/providers.yaml
"""

import argparse
import os
import re
import sys
import unicodedata

SEED = 20251115

# ---------------------------------------------------------------------------
# PRNG: splitmix64 with our own integer -> range mapping.


class Rng:
    MASK = (1 << 64) - 1

    def __init__(self, seed):
        self.state = seed & self.MASK

    def next64(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & self.MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
        return z ^ (z >> 31)

    def below(self, n):
        """An integer in [0, n), n < 2**32."""
        return ((self.next64() >> 32) * n) >> 32

    def between(self, lo, hi):
        """An integer in [lo, hi]."""
        return lo + self.below(hi - lo + 1)

    def chance(self, percent):
        return self.below(1000) < int(percent * 10)

    def choice(self, seq):
        return seq[self.below(len(seq))]

    def weighted(self, pairs):
        """Picks a key from [(key, integer weight), ...]."""
        total = sum(w for _, w in pairs)
        r = self.below(total)
        for key, w in pairs:
            if r < w:
                return key
            r -= w
        raise AssertionError("unreachable")

    def sample(self, seq, k):
        """k distinct items of seq, in seq's order."""
        idx = list(range(len(seq)))
        for i in range(min(k, len(idx))):
            j = i + self.below(len(idx) - i)
            idx[i], idx[j] = idx[j], idx[i]
        return [seq[i] for i in sorted(idx[:k])]

    def shuffled(self, seq):
        out = list(seq)
        for i in range(len(out) - 1, 0, -1):
            j = self.below(i + 1)
            out[i], out[j] = out[j], out[i]
        return out

    def tenths(self, lo, hi):
        """A multiple of 0.1 in [lo, hi], as an exact-looking float."""
        return round(self.between(round(lo * 10), round(hi * 10)) / 10, 1)


# ---------------------------------------------------------------------------
# Reference tables.

# The service catalogue (services/domain/catalog.cc): code -> model.
BPO_SERVICES = [
    "CUSTOMER_SUPPORT", "CALL_CENTER_INBOUND", "CALL_CENTER_OUTBOUND", "HELP_DESK",
    "TECHNICAL_SUPPORT", "DATA_ENTRY", "PAYROLL", "HR_ADMINISTRATION", "RECRUITMENT",
    "STAFF_TRAINING", "FINANCE_AND_ACCOUNTING", "WEBSITE_MAINTENANCE",
    "BACK_OFFICE_ADMINISTRATION",
    "CONTENT_MODERATION", "CLAIMS_PROCESSING", "ORDER_MANAGEMENT", "COLLECTIONS",
]
KPO_SERVICES = [
    "MARKET_RESEARCH", "COMPETITIVE_INTELLIGENCE", "INVESTMENT_RESEARCH", "FINANCIAL_RESEARCH",
    "FINANCIAL_MODELING", "RISK_ANALYSIS", "LEGAL_PROCESS_OUTSOURCING", "CONTRACT_ANALYSIS",
    "IP_PATENT_RESEARCH", "DATA_ANALYTICS", "BUSINESS_RESEARCH", "RESEARCH_AND_DEVELOPMENT",
    "SCIENTIFIC_RESEARCH", "CLINICAL_DATA_ANALYSIS", "ENGINEERING_DESIGN", "ARCHITECTURAL_DESIGN",
    "SOFTWARE_DESIGN", "ALGORITHM_DESIGN", "TECHNICAL_DOCUMENTATION",
    "HEALTHCARE_INFORMATION_MANAGEMENT", "ANIMATION_AND_DESIGN", "DIGITAL_MARKETING",
]
SERVICE_MODEL = {s: "BPO" for s in BPO_SERVICES}
SERVICE_MODEL.update({s: "KPO" for s in KPO_SERVICES})

# Rate of each service relative to its model's baseline.
SERVICE_RATE_FACTOR = {
    "CUSTOMER_SUPPORT": 1.0, "CALL_CENTER_INBOUND": 1.0, "CALL_CENTER_OUTBOUND": 0.95,
    "HELP_DESK": 1.1, "TECHNICAL_SUPPORT": 1.15, "DATA_ENTRY": 0.85, "PAYROLL": 1.15,
    "HR_ADMINISTRATION": 1.05, "RECRUITMENT": 1.15, "STAFF_TRAINING": 1.2,
    "FINANCE_AND_ACCOUNTING": 1.2, "WEBSITE_MAINTENANCE": 1.2, "BACK_OFFICE_ADMINISTRATION": 0.9,
    "CONTENT_MODERATION": 0.95, "CLAIMS_PROCESSING": 1.05, "ORDER_MANAGEMENT": 0.9,
    "COLLECTIONS": 1.05,
    "MARKET_RESEARCH": 0.95, "COMPETITIVE_INTELLIGENCE": 1.0, "INVESTMENT_RESEARCH": 1.2,
    "FINANCIAL_RESEARCH": 1.1, "FINANCIAL_MODELING": 1.15, "RISK_ANALYSIS": 1.15,
    "LEGAL_PROCESS_OUTSOURCING": 1.15, "CONTRACT_ANALYSIS": 1.05, "IP_PATENT_RESEARCH": 1.2,
    "DATA_ANALYTICS": 1.05, "BUSINESS_RESEARCH": 0.9, "RESEARCH_AND_DEVELOPMENT": 1.15,
    "SCIENTIFIC_RESEARCH": 1.2, "CLINICAL_DATA_ANALYSIS": 1.15, "ENGINEERING_DESIGN": 1.1,
    "ARCHITECTURAL_DESIGN": 1.05, "SOFTWARE_DESIGN": 1.1, "ALGORITHM_DESIGN": 1.2,
    "TECHNICAL_DOCUMENTATION": 0.85, "HEALTHCARE_INFORMATION_MANAGEMENT": 0.9,
    "ANIMATION_AND_DESIGN": 0.9, "DIGITAL_MARKETING": 0.85,
}

INDUSTRY_WORDS = {
    "BANKING": "banking", "INSURANCE": "insurance", "CAPITAL_MARKETS": "capital-markets",
    "HEALTHCARE": "healthcare", "PHARMA_LIFE_SCIENCES": "life-sciences",
    "RETAIL_ECOMMERCE": "e-commerce", "TELECOM": "telecom", "TECHNOLOGY": "technology",
    "MANUFACTURING": "manufacturing", "AUTOMOTIVE": "automotive",
    "ENERGY_UTILITIES": "utilities", "TRAVEL_HOSPITALITY": "travel", "LOGISTICS": "logistics",
    "MEDIA_ENTERTAINMENT": "media", "PUBLIC_SECTOR": "public-sector", "EDUCATION": "education",
    "LEGAL": "legal", "REAL_ESTATE": "real-estate",
    "PROFESSIONAL_SERVICES": "professional-services", "GAMING": "gaming",
}

# Country -> (name, rate tier, [(city, IANA zone), ...]).
COUNTRIES = {
    "PH": ("the Philippines", "offshore", [
        ("Manila", "Asia/Manila"), ("Makati", "Asia/Manila"), ("Quezon City", "Asia/Manila"),
        ("Taguig", "Asia/Manila"), ("Pasig", "Asia/Manila"), ("Cebu City", "Asia/Manila"),
        ("Davao City", "Asia/Manila"), ("Iloilo City", "Asia/Manila"), ("Bacolod", "Asia/Manila"),
        ("Baguio", "Asia/Manila")]),
    "IN": ("India", "offshore", [
        ("Bengaluru", "Asia/Kolkata"), ("Pune", "Asia/Kolkata"), ("Hyderabad", "Asia/Kolkata"),
        ("Chennai", "Asia/Kolkata"), ("Gurugram", "Asia/Kolkata"), ("Noida", "Asia/Kolkata"),
        ("Mumbai", "Asia/Kolkata"), ("Kolkata", "Asia/Kolkata"), ("Kochi", "Asia/Kolkata"),
        ("Ahmedabad", "Asia/Kolkata"), ("Jaipur", "Asia/Kolkata"), ("Coimbatore", "Asia/Kolkata"),
        ("Mohali", "Asia/Kolkata")]),
    "MX": ("Mexico", "nearshore_latam", [
        ("Mexico City", "America/Mexico_City"), ("Guadalajara", "America/Mexico_City"),
        ("Monterrey", "America/Monterrey"), ("Querétaro", "America/Mexico_City"),
        ("Tijuana", "America/Tijuana"), ("Mérida", "America/Merida"),
        ("León", "America/Mexico_City"), ("Aguascalientes", "America/Mexico_City"),
        ("Hermosillo", "America/Hermosillo")]),
    "CO": ("Colombia", "nearshore_latam", [
        ("Bogotá", "America/Bogota"), ("Medellín", "America/Bogota"), ("Cali", "America/Bogota"),
        ("Barranquilla", "America/Bogota"), ("Bucaramanga", "America/Bogota"),
        ("Pereira", "America/Bogota")]),
    "CR": ("Costa Rica", "nearshore_cr", [
        ("San José", "America/Costa_Rica"), ("Heredia", "America/Costa_Rica"),
        ("Alajuela", "America/Costa_Rica"), ("Cartago", "America/Costa_Rica")]),
    "JM": ("Jamaica", "offshore_mid", [
        ("Kingston", "America/Jamaica"), ("Montego Bay", "America/Jamaica")]),
    "BR": ("Brazil", "nearshore_latam", [
        ("São Paulo", "America/Sao_Paulo"), ("Campinas", "America/Sao_Paulo"),
        ("Curitiba", "America/Sao_Paulo"), ("Florianópolis", "America/Sao_Paulo"),
        ("Belo Horizonte", "America/Sao_Paulo"), ("Porto Alegre", "America/Sao_Paulo"),
        ("Rio de Janeiro", "America/Sao_Paulo"), ("Recife", "America/Recife"),
        ("Fortaleza", "America/Fortaleza")]),
    "AR": ("Argentina", "nearshore_latam", [
        ("Buenos Aires", "America/Argentina/Buenos_Aires"),
        ("Córdoba", "America/Argentina/Cordoba"), ("Rosario", "America/Argentina/Cordoba"),
        ("Mendoza", "America/Argentina/Mendoza")]),
    "PL": ("Poland", "nearshore_eu", [
        ("Kraków", "Europe/Warsaw"), ("Wrocław", "Europe/Warsaw"), ("Warsaw", "Europe/Warsaw"),
        ("Gdańsk", "Europe/Warsaw"), ("Łódź", "Europe/Warsaw"), ("Poznań", "Europe/Warsaw"),
        ("Katowice", "Europe/Warsaw"), ("Lublin", "Europe/Warsaw")]),
    "RO": ("Romania", "nearshore_eu", [
        ("Bucharest", "Europe/Bucharest"), ("Cluj-Napoca", "Europe/Bucharest"),
        ("Iași", "Europe/Bucharest"), ("Timișoara", "Europe/Bucharest"),
        ("Brașov", "Europe/Bucharest")]),
    "BG": ("Bulgaria", "nearshore_eu", [
        ("Sofia", "Europe/Sofia"), ("Plovdiv", "Europe/Sofia"), ("Varna", "Europe/Sofia")]),
    "PT": ("Portugal", "nearshore_pt", [
        ("Lisbon", "Europe/Lisbon"), ("Porto", "Europe/Lisbon"), ("Braga", "Europe/Lisbon"),
        ("Coimbra", "Europe/Lisbon")]),
    "MA": ("Morocco", "offshore_mid", [
        ("Casablanca", "Africa/Casablanca"), ("Rabat", "Africa/Casablanca"),
        ("Fez", "Africa/Casablanca"), ("Tangier", "Africa/Casablanca")]),
    "EG": ("Egypt", "offshore", [
        ("Cairo", "Africa/Cairo"), ("Alexandria", "Africa/Cairo"), ("Giza", "Africa/Cairo")]),
    "ZA": ("South Africa", "offshore_mid", [
        ("Cape Town", "Africa/Johannesburg"), ("Johannesburg", "Africa/Johannesburg"),
        ("Durban", "Africa/Johannesburg"), ("Gqeberha", "Africa/Johannesburg"),
        ("Pretoria", "Africa/Johannesburg")]),
    "KE": ("Kenya", "offshore", [("Nairobi", "Africa/Nairobi"), ("Mombasa", "Africa/Nairobi")]),
    "VN": ("Vietnam", "offshore", [
        ("Ho Chi Minh City", "Asia/Ho_Chi_Minh"), ("Hanoi", "Asia/Ho_Chi_Minh"),
        ("Da Nang", "Asia/Ho_Chi_Minh")]),
    "MY": ("Malaysia", "offshore_mid", [
        ("Kuala Lumpur", "Asia/Kuala_Lumpur"), ("Cyberjaya", "Asia/Kuala_Lumpur"),
        ("George Town", "Asia/Kuala_Lumpur"), ("Kuching", "Asia/Kuching")]),
    "LK": ("Sri Lanka", "offshore", [("Colombo", "Asia/Colombo"), ("Kandy", "Asia/Colombo")]),
    "US": ("the United States", "onshore_us", [
        ("New York", "America/New_York"), ("Atlanta", "America/New_York"),
        ("Charlotte", "America/New_York"), ("Tampa", "America/New_York"),
        ("Boston", "America/New_York"), ("Raleigh", "America/New_York"),
        ("Jacksonville", "America/New_York"), ("Columbus", "America/New_York"),
        ("Detroit", "America/Detroit"), ("Indianapolis", "America/Indiana/Indianapolis"),
        ("Louisville", "America/Kentucky/Louisville"), ("Chicago", "America/Chicago"),
        ("Dallas", "America/Chicago"), ("Austin", "America/Chicago"),
        ("San Antonio", "America/Chicago"), ("Nashville", "America/Chicago"),
        ("Omaha", "America/Chicago"), ("Kansas City", "America/Chicago"),
        ("Denver", "America/Denver"), ("Salt Lake City", "America/Denver"),
        ("Boise", "America/Boise"), ("Phoenix", "America/Phoenix"),
        ("Seattle", "America/Los_Angeles"), ("San Francisco", "America/Los_Angeles"),
        ("San Diego", "America/Los_Angeles"), ("Portland", "America/Los_Angeles")]),
    "CA": ("Canada", "onshore_ca", [
        ("Toronto", "America/Toronto"), ("Montreal", "America/Toronto"),
        ("Ottawa", "America/Toronto"), ("Vancouver", "America/Vancouver"),
        ("Calgary", "America/Edmonton"), ("Edmonton", "America/Edmonton"),
        ("Winnipeg", "America/Winnipeg"), ("Halifax", "America/Halifax"),
        ("Moncton", "America/Moncton"), ("Saskatoon", "America/Regina")]),
    "IE": ("Ireland", "onshore_ie", [
        ("Dublin", "Europe/Dublin"), ("Cork", "Europe/Dublin"), ("Galway", "Europe/Dublin"),
        ("Limerick", "Europe/Dublin")]),
    "GB": ("the United Kingdom", "onshore_gb", [
        ("London", "Europe/London"), ("Manchester", "Europe/London"),
        ("Glasgow", "Europe/London"), ("Belfast", "Europe/London"),
        ("Edinburgh", "Europe/London"), ("Leeds", "Europe/London"),
        ("Newcastle upon Tyne", "Europe/London"), ("Cardiff", "Europe/London")]),
    "DE": ("Germany", "onshore_de", [
        ("Berlin", "Europe/Berlin"), ("Munich", "Europe/Berlin"), ("Hamburg", "Europe/Berlin"),
        ("Leipzig", "Europe/Berlin"), ("Cologne", "Europe/Berlin")]),
}

# Junior hourly rate ranges in USD per tier and model, before service factors.
RATE_TIERS = {
    "offshore": {"BPO": (8.5, 12.5), "KPO": (20, 27)},
    "offshore_mid": {"BPO": (11, 14), "KPO": (24, 32)},
    "nearshore_latam": {"BPO": (14, 19), "KPO": (32, 44)},
    "nearshore_cr": {"BPO": (16, 22), "KPO": (36, 48)},
    "nearshore_eu": {"BPO": (15, 22), "KPO": (34, 48)},
    "nearshore_pt": {"BPO": (19, 25), "KPO": (40, 55)},
    "onshore_us": {"BPO": (32, 42), "KPO": (85, 100)},
    "onshore_ca": {"BPO": (28, 36), "KPO": (80, 92)},
    "onshore_ie": {"BPO": (30, 38), "KPO": (80, 95)},
    "onshore_gb": {"BPO": (28, 37), "KPO": (82, 98)},
    "onshore_de": {"BPO": (34, 44), "KPO": (88, 100)},
}
# Highest expert rate per tier (USD), so expert bands stay believable.
KPO_RATE_CAP = {"offshore": 48, "offshore_mid": 60}
KPO_RATE_CAP_DEFAULT = {"nearshore": 110, "onshore": 200}

SENIORITY_FACTOR = {
    "BPO": [("SENIORITY_JUNIOR", 1.0), ("SENIORITY_MID", 1.15), ("SENIORITY_SENIOR", 1.35)],
    "KPO": [("SENIORITY_JUNIOR", 1.0), ("SENIORITY_MID", 1.25), ("SENIORITY_SENIOR", 1.55),
            ("SENIORITY_EXPERT", 1.85)],
}

# Currency -> (units per USD, rounding step in minor units).
CURRENCIES = {
    "USD": (1.0, 25), "EUR": (0.92, 50), "GBP": (0.79, 50), "CAD": (1.37, 50),
    "INR": (84.0, 1000), "PHP": (57.0, 500), "MXN": (18.5, 500), "PLN": (4.0, 100),
    "RON": (4.6, 100), "ZAR": (18.2, 500), "BRL": (5.4, 100),
}
# Country -> (local currency, percent of providers quoting in it).
LOCAL_CURRENCY = {
    "GB": ("GBP", 80), "IE": ("EUR", 80), "DE": ("EUR", 90), "PT": ("EUR", 60),
    "CA": ("CAD", 60), "IN": ("INR", 20), "PH": ("PHP", 15), "MX": ("MXN", 20),
    "PL": ("PLN", 30), "RO": ("EUR", 30), "BG": ("EUR", 30), "ZA": ("ZAR", 30),
    "BR": ("BRL", 25),
}

# Country -> (languages always spoken, optional extras).
LANGUAGES = {
    "PH": (["en", "fil"], ["es", "ja", "zh"]),
    "IN": (["en", "hi"], ["ta", "te", "kn", "mr", "bn", "ml", "fr", "de", "ja"]),
    "MX": (["es-MX", "en"], ["pt-BR", "fr"]),
    "CO": (["es-CO", "en"], ["pt-BR", "fr"]),
    "CR": (["es", "en"], ["fr", "pt-BR", "de"]),
    "JM": (["en"], ["es"]),
    "BR": (["pt-BR", "en"], ["es"]),
    "AR": (["es-AR", "en"], ["pt-BR", "it"]),
    "PL": (["pl", "en"], ["de", "fr", "it", "nl", "cs", "uk"]),
    "RO": (["ro", "en"], ["fr", "it", "de", "es", "hu"]),
    "BG": (["bg", "en"], ["de", "fr", "el", "tr"]),
    "PT": (["pt-PT", "en"], ["es", "fr", "de", "it", "nl"]),
    "MA": (["ar", "fr"], ["en", "es", "de", "nl"]),
    "EG": (["ar", "en"], ["fr", "de", "it", "es"]),
    "ZA": (["en", "af"], ["zu", "xh", "nl", "de", "pt"]),
    "KE": (["en", "sw"], ["fr"]),
    "VN": (["vi", "en"], ["ja", "ko", "zh", "fr"]),
    "MY": (["ms", "en"], ["zh", "ta", "ja", "ko", "th", "id"]),
    "LK": (["en", "si", "ta"], []),
    "US": (["en-US"], ["es", "zh", "vi", "ko"]),
    "CA": (["en-CA", "fr-CA"], ["es", "zh", "pa"]),
    "IE": (["en"], ["de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb"]),
    "GB": (["en-GB"], ["fr", "de", "es", "pl", "cy"]),
    "DE": (["de", "en"], ["fr", "tr", "pl"]),
}

# Where clients typically sit for each centre country: declared models.
ONSHORE_MARKETS = {"US", "CA", "GB", "IE", "DE"}
NEARSHORE_HUBS = {"MX", "CO", "CR", "JM", "BR", "AR", "PL", "RO", "BG", "PT", "MA"}
EUROPE_FACING = {"EG", "ZA", "MA"}  # also marketed as nearshore to Europe

# Headquarters country -> countries its extra delivery centres may be in.
PARTNER_COUNTRIES = {
    "US": ["PH", "MX", "IN", "CO", "JM", "CR", "CA"], "CA": ["PH", "IN", "JM", "US"],
    "GB": ["ZA", "IN", "PH", "PL", "PT"], "IE": ["PL", "PT", "RO", "PH"],
    "DE": ["PL", "BG", "RO", "PT"], "PH": ["IN", "MY", "VN"], "IN": ["PH", "US", "GB", "PL"],
    "MX": ["CO", "CR", "US"], "CO": ["MX", "CR"], "PL": ["RO", "BG", "PT"],
    "RO": ["PL", "BG", "MA"], "ZA": ["KE", "EG", "PH"], "EG": ["MA"], "VN": ["PH", "MY"],
    "BR": ["AR", "PT"], "CR": ["CO", "MX"], "MY": ["PH", "LK"], "PT": ["BR", "MA"],
    "AR": ["CO", "BR"], "KE": ["ZA"], "LK": ["IN"], "BG": ["RO"], "MA": ["EG"], "JM": ["US"],
}

# Legal-name suffixes per headquarters country (first is the most common).
LEGAL_SUFFIX = {
    "PH": ["Inc.", "Corp.", "Inc."], "IN": ["Pvt. Ltd.", "Private Limited", "Pvt. Ltd."],
    "MX": ["S.A. de C.V.", "S. de R.L. de C.V."], "CO": ["S.A.S."], "CR": ["S.A.", "S.R.L."],
    "JM": ["Ltd"], "BR": ["Ltda.", "S.A."], "AR": ["S.A.", "S.R.L."],
    "PL": ["Sp. z o.o.", "Sp. z o.o.", "S.A."], "RO": ["S.R.L."], "BG": ["EOOD", "OOD", "AD"],
    "PT": ["Lda.", "S.A."], "MA": ["SARL"], "EG": ["S.A.E.", "LLC"], "ZA": ["(Pty) Ltd"],
    "KE": ["Limited", "Ltd"], "VN": ["JSC", "Co., Ltd."], "MY": ["Sdn. Bhd."],
    "LK": ["(Pvt) Ltd"], "US": ["Inc.", "LLC", "Corp."], "CA": ["Inc.", "Ltd.", "Corp."],
    "IE": ["Limited", "Ltd", "DAC"], "GB": ["Ltd", "Limited", "plc"], "DE": ["GmbH", "AG"],
}

# Name roots with a local flavour, per headquarters country.
NAME_ROOTS = {
    "PH": ["Manila Bridge", "Bayanihan", "Sampaguita", "Narra", "Taal Vista", "Mayon", "Tarsier",
           "Banaue", "Pasig Bay", "Visayan Reef", "Mindanao Crest", "Bohol", "Ilocos",
           "Kalayaan", "Habagat", "Amihan", "Luzon Harbor", "Molave", "Capiz", "Bantayan"],
    "IN": ["Saptarishi", "Kaveri", "Deccan Ridge", "Nilgiri", "Aravalli", "Vindhya",
           "Kalpavriksha", "Sahyadri", "Tungabhadra", "Konkan", "Narmada", "Godavari", "Hampi",
           "Chandrika", "Indus Crest", "Malabar", "Coromandel", "Sarovar", "Himgiri",
           "Panchavati", "Shivalik", "Kovalam", "Tanjore", "Satpura", "Amaravati"],
    "MX": ["Sierra Madre", "Cenote", "Jacaranda", "Huasteca", "Bajío", "Cerro Azul",
           "Nopalera", "Ajolote", "Mezquite", "Copal", "Pátzcuaro", "Tulum Norte"],
    "CO": ["Cordillera", "Guadua", "Magdalena", "Cafetal", "Orquídea", "Tayrona", "Quindío",
           "Chicamocha", "Sabana Alta", "Guatapé"],
    "CR": ["Arenal", "Guanacaste", "Poás", "Quetzal", "Tortuguero", "Irazú"],
    "JM": ["Blue Mountain", "Lignum Vitae", "Doctor Bird", "Port Royal"],
    "BR": ["Ipê", "Jabuticaba", "Serra Verde", "Guanabara", "Araucária", "Tucano", "Cerrado",
           "Capivara", "Itapuã"],
    "AR": ["Pampa", "Aconcagua", "Ombú", "Riachuelo", "Quebracho", "Iguazú"],
    "PL": ["Wisła", "Tatra", "Bursztyn", "Mazovia", "Odra", "Żuraw", "Sokół", "Wawel",
           "Bieszczady", "Kaszuby", "Warta"],
    "RO": ["Carpathia", "Bucegi", "Olt", "Someș", "Ceahlău", "Mureș", "Retezat", "Apuseni",
           "Siret"],
    "BG": ["Balkan Ridge", "Rila", "Pirin", "Rhodope", "Vitosha"],
    "PT": ["Tejo", "Douro", "Azulejo", "Atlântico", "Caravela", "Alfama"],
    "MA": ["Atlas", "Argan", "Zellige", "Chefchaouen", "Tafilalt"],
    "EG": ["Nile Delta", "Lotus Gate", "Pharos", "Karnak", "Siwa", "Aswan", "Faiyum"],
    "ZA": ["Fynbos", "Protea", "Karoo", "Drakensberg", "Table Bay", "Baobab", "Kudu",
           "Highveld", "Umhlanga"],
    "KE": ["Savanna", "Rift Valley", "Kilima", "Tsavo", "Acacia"],
    "VN": ["Mekong", "Ha Long", "Saigon Pearl", "Truong Son", "Hoi An", "Bamboo Bridge",
           "Lotus Lake", "Perfume River"],
    "MY": ["Rafflesia", "Petaling", "Hornbill", "Langkawi", "Kinabalu", "Melaka"],
    "LK": ["Serendib", "Sigiriya", "Ceylon Ridge", "Kandyan", "Mahaweli"],
    "US": ["Blue Mesa", "Prairie Lantern", "Ironwood", "Cedar Bluff", "Shenandoah",
           "Red River", "Granite Peak", "Cascade Ridge", "Harbor Lane", "Chisholm", "Ozark",
           "Sawtooth", "Bluegrass", "Tallgrass", "Lakeshore", "Sonoran",
           "Adirondack", "Palmetto", "Willamette", "Catawba"],
    "CA": ["Maple Ridge", "Laurentian", "Fraser", "Muskoka", "Boreal", "Algonquin", "Fundy",
           "Okanagan", "Chinook", "Gaspé"],
    "IE": ["Liffey", "Shannon", "Burren", "Connemara", "Wicklow", "Ogham", "Slaney", "Boyne",
           "Inishmore"],
    "GB": ["Thames Reach", "Pennine", "Cotswold", "Mersey", "Clydeside", "Greystone",
           "Kestrel", "Severn", "Fenland", "Northumbria"],
    "DE": ["Rheinblick", "Elbe", "Schwarzwald", "Harz", "Spree", "Isar"],
}

# Headquarters country -> (BPO, KPO, both) provider counts.
PLAN = {
    "PH": (13, 3, 2), "IN": (8, 11, 3), "MX": (7, 2, 1), "CO": (5, 2, 1), "CR": (4, 1, 0),
    "JM": (2, 0, 0), "BR": (4, 2, 1), "AR": (1, 3, 0), "PL": (4, 4, 1), "RO": (4, 2, 1),
    "BG": (2, 1, 0), "PT": (2, 2, 0), "MA": (3, 0, 0), "EG": (4, 1, 0), "ZA": (4, 2, 1),
    "KE": (3, 0, 0), "VN": (3, 3, 0), "MY": (3, 1, 0), "LK": (1, 2, 0), "US": (7, 7, 2),
    "CA": (4, 2, 1), "IE": (3, 2, 1), "GB": (3, 4, 1), "DE": (1, 3, 0),
}

# Archetypes: what a provider does. services: (always, optional), counts are
# the total number of services.
ARCHETYPES = {
    "contact_center": dict(
        model="BPO", always=["CUSTOMER_SUPPORT", "CALL_CENTER_INBOUND"],
        optional=["CALL_CENTER_OUTBOUND", "HELP_DESK", "TECHNICAL_SUPPORT", "ORDER_MANAGEMENT",
                  "COLLECTIONS", "STAFF_TRAINING", "BACK_OFFICE_ADMINISTRATION"],
        count=(3, 6),
        industries=["TELECOM", "RETAIL_ECOMMERCE", "TRAVEL_HOSPITALITY", "BANKING",
                    "ENERGY_UTILITIES", "TECHNOLOGY", "INSURANCE", "MEDIA_ENTERTAINMENT",
                    "LOGISTICS"],
        certs=["ISO27001", "COPC", "PCI_DSS", "ISO9001", "ISO22301", "SOC2"],
        quals=["ITIL", "PMP"],
        words=["Contact Solutions", "CX", "Customer Care", "Connect", "Support Services",
               "Voice", "Care Partners", "Contact Centre"],
        what=["voice, chat and email customer support",
              "omnichannel customer care and sales support",
              "multilingual contact-centre operations"]),
    "tech_support": dict(
        model="BPO", always=["TECHNICAL_SUPPORT", "HELP_DESK"],
        optional=["CUSTOMER_SUPPORT", "WEBSITE_MAINTENANCE", "CALL_CENTER_INBOUND",
                  "STAFF_TRAINING", "ORDER_MANAGEMENT"],
        count=(3, 5),
        industries=["TECHNOLOGY", "TELECOM", "GAMING", "RETAIL_ECOMMERCE", "EDUCATION",
                    "PROFESSIONAL_SERVICES"],
        certs=["ISO27001", "SOC2", "ISO9001", "ISO22301", "ISO27701"],
        quals=["ITIL", "CCNA", "CISSP"],
        words=["Tech Support", "Help Desk Services", "IT Support", "Service Desk", "TechCare"],
        what=["tier 1 and tier 2 technical support and service desk",
              "24/7 IT help desk and end-user support",
              "software and device support for end users"]),
    "back_office": dict(
        model="BPO", always=["DATA_ENTRY", "BACK_OFFICE_ADMINISTRATION"],
        optional=["ORDER_MANAGEMENT", "CLAIMS_PROCESSING", "FINANCE_AND_ACCOUNTING",
                  "HR_ADMINISTRATION", "WEBSITE_MAINTENANCE"],
        count=(3, 5),
        industries=["LOGISTICS", "INSURANCE", "RETAIL_ECOMMERCE", "BANKING", "REAL_ESTATE",
                    "PUBLIC_SECTOR", "MANUFACTURING"],
        certs=["ISO27001", "ISO9001", "SOC2", "ISO27701"],
        quals=["PMP", "Lean Six Sigma"],
        words=["Data Works", "Process Services", "Back Office", "Operations", "Data Services",
               "Document Services"],
        what=["document processing, data entry and back-office administration",
              "back-office operations and data processing",
              "high-volume data capture and indexing"]),
    "finance_hr": dict(
        model="BPO", always=["PAYROLL", "FINANCE_AND_ACCOUNTING"],
        optional=["HR_ADMINISTRATION", "RECRUITMENT", "STAFF_TRAINING",
                  "BACK_OFFICE_ADMINISTRATION", "COLLECTIONS", "DATA_ENTRY"],
        count=(3, 6),
        industries=["PROFESSIONAL_SERVICES", "MANUFACTURING", "BANKING", "RETAIL_ECOMMERCE",
                    "TECHNOLOGY", "LOGISTICS", "EDUCATION"],
        certs=["ISO27001", "SOC1", "SOC2", "ISO9001", "ISO27701"],
        quals=["ACCA", "CPA", "CMA", "CIPD"],
        words=["Payroll Partners", "Ledger Services", "Finance Operations", "People Services",
               "HR Solutions", "Accounting Services"],
        what=["payroll, accounts payable and bookkeeping",
              "finance and accounting transactions and payroll",
              "multi-country payroll and finance operations"]),
    "healthcare_bpo": dict(
        model="BPO", always=["CLAIMS_PROCESSING"],
        optional=["CUSTOMER_SUPPORT", "CALL_CENTER_INBOUND", "DATA_ENTRY", "COLLECTIONS",
                  "BACK_OFFICE_ADMINISTRATION"],
        count=(3, 5),
        industries=["HEALTHCARE", "INSURANCE", "PHARMA_LIFE_SCIENCES"],
        certs=["HIPAA", "ISO27001", "SOC2", "HITRUST"],
        quals=["CPC", "RN", "CCS"],
        words=["Health Services", "Claims Services", "Medical Billing", "Healthcare Support",
               "Care Operations"],
        what=["medical claims processing, billing and patient support",
              "revenue-cycle and claims operations",
              "member services and claims adjudication"]),
    "trust_safety": dict(
        model="BPO", always=["CONTENT_MODERATION"],
        optional=["CUSTOMER_SUPPORT", "DATA_ENTRY", "BACK_OFFICE_ADMINISTRATION",
                  "STAFF_TRAINING"],
        count=(2, 4),
        industries=["MEDIA_ENTERTAINMENT", "GAMING", "TECHNOLOGY", "RETAIL_ECOMMERCE"],
        certs=["ISO27001", "ISO27701", "SOC2", "ISO9001"],
        quals=["CIPP", "PMP"],
        words=["Trust & Safety", "Moderation Services", "Content Review", "Safe Content"],
        what=["content moderation and trust-and-safety review",
              "user-generated content review and community support"]),
    "collections": dict(
        model="BPO", always=["COLLECTIONS", "CALL_CENTER_OUTBOUND"],
        optional=["CALL_CENTER_INBOUND", "CUSTOMER_SUPPORT", "FINANCE_AND_ACCOUNTING",
                  "DATA_ENTRY"],
        count=(2, 4),
        industries=["BANKING", "ENERGY_UTILITIES", "TELECOM", "HEALTHCARE", "INSURANCE"],
        certs=["PCI_DSS", "ISO27001", "SOC2", "ISO9001"],
        quals=["CCE", "CPA"],
        words=["Collections", "Receivables Management", "Recovery Services", "Credit Services"],
        what=["early- and late-stage collections and receivables management",
              "compliant outbound collections and payment support"]),
    "research": dict(
        model="KPO", always=["MARKET_RESEARCH"],
        optional=["COMPETITIVE_INTELLIGENCE", "BUSINESS_RESEARCH", "DATA_ANALYTICS",
                  "DIGITAL_MARKETING"],
        count=(2, 4),
        industries=["RETAIL_ECOMMERCE", "PHARMA_LIFE_SCIENCES", "TECHNOLOGY",
                    "PROFESSIONAL_SERVICES", "AUTOMOTIVE", "MEDIA_ENTERTAINMENT", "TELECOM"],
        certs=["ISO27001", "ISO9001", "GDPR", "ISO27701"],
        quals=["MBA", "PhD", "MSc"],
        words=["Insights", "Research", "Market Intelligence", "Analytics", "Research Partners"],
        what=["market research and consumer insight",
              "primary and secondary market research for strategy teams",
              "market sizing and consumer insight studies"]),
    "fin_research": dict(
        model="KPO", always=["FINANCIAL_RESEARCH"],
        optional=["INVESTMENT_RESEARCH", "FINANCIAL_MODELING", "RISK_ANALYSIS",
                  "DATA_ANALYTICS", "BUSINESS_RESEARCH"],
        count=(3, 5),
        industries=["CAPITAL_MARKETS", "BANKING", "INSURANCE", "PROFESSIONAL_SERVICES",
                    "REAL_ESTATE"],
        certs=["ISO27001", "SOC2", "SOC1", "ISO9001"],
        quals=["CFA", "CA", "FRM", "MBA", "CPA"],
        words=["Financial Research", "Capital Analytics", "Equity Research", "Quant Research",
               "Risk Analytics"],
        what=["equity and credit research for asset managers and banks",
              "investment research and valuation support",
              "financial research and company profiling"]),
    "legal": dict(
        model="KPO", always=["LEGAL_PROCESS_OUTSOURCING"],
        optional=["CONTRACT_ANALYSIS", "IP_PATENT_RESEARCH", "BUSINESS_RESEARCH",
                  "TECHNICAL_DOCUMENTATION"],
        count=(2, 4),
        industries=["LEGAL", "PROFESSIONAL_SERVICES", "PHARMA_LIFE_SCIENCES", "TECHNOLOGY",
                    "BANKING", "REAL_ESTATE"],
        certs=["ISO27001", "ISO27701", "GDPR", "SOC2"],
        quals=["JD", "LLB", "LLM", "CS"],
        words=["Legal Services", "Legal Process", "IP Research", "Contract Analytics",
               "Law Support"],
        what=["contract review, legal research and document review",
              "legal research, document review and drafting support",
              "legal process outsourcing for law firms and in-house teams"]),
    "life_sci": dict(
        model="KPO", always=["CLINICAL_DATA_ANALYSIS"],
        optional=["SCIENTIFIC_RESEARCH", "RESEARCH_AND_DEVELOPMENT", "TECHNICAL_DOCUMENTATION",
                  "HEALTHCARE_INFORMATION_MANAGEMENT", "DATA_ANALYTICS"],
        count=(2, 5),
        industries=["PHARMA_LIFE_SCIENCES", "HEALTHCARE"],
        certs=["ISO27001", "HIPAA", "ISO13485", "GDPR", "ISO9001"],
        quals=["PhD", "MD", "PharmD", "MSc"],
        words=["Clinical Analytics", "Life Sciences", "Biometrics", "Medical Informatics",
               "Scientific Services"],
        what=["clinical data management, biostatistics and medical writing",
              "scientific research support and clinical data analysis"]),
    "engineering": dict(
        model="KPO", always=["ENGINEERING_DESIGN"],
        optional=["ARCHITECTURAL_DESIGN", "TECHNICAL_DOCUMENTATION", "RESEARCH_AND_DEVELOPMENT",
                  "SOFTWARE_DESIGN"],
        count=(2, 4),
        industries=["MANUFACTURING", "AUTOMOTIVE", "ENERGY_UTILITIES", "REAL_ESTATE",
                    "PUBLIC_SECTOR"],
        certs=["ISO9001", "ISO14001", "ISO27001"],
        quals=["PE", "MSc", "PMP", "LEED AP"],
        words=["Engineering", "Design Engineering", "Engineering Services",
               "Technical Services", "Design Studio"],
        what=["mechanical and civil engineering design and CAD drafting",
              "product engineering, CAD and simulation",
              "structural and MEP engineering design"]),
    "software": dict(
        model="KPO", always=["SOFTWARE_DESIGN"],
        optional=["ALGORITHM_DESIGN", "DATA_ANALYTICS", "RESEARCH_AND_DEVELOPMENT",
                  "TECHNICAL_DOCUMENTATION"],
        count=(2, 4),
        industries=["TECHNOLOGY", "BANKING", "TELECOM", "GAMING", "AUTOMOTIVE", "HEALTHCARE"],
        certs=["ISO27001", "CMMI3", "CMMI5", "SOC2", "ISO9001"],
        quals=["MSc", "PhD", "CISSP"],
        words=["Labs", "Software Design", "Algorithmics", "Data Science", "Systems Design"],
        what=["software architecture and design",
              "software design for product and platform teams",
              "software design and engineering reviews"]),
    "creative": dict(
        model="KPO", always=["ANIMATION_AND_DESIGN"],
        optional=["DIGITAL_MARKETING", "MARKET_RESEARCH", "TECHNICAL_DOCUMENTATION"],
        count=(2, 3),
        industries=["MEDIA_ENTERTAINMENT", "GAMING", "EDUCATION", "RETAIL_ECOMMERCE",
                    "TRAVEL_HOSPITALITY"],
        certs=["ISO27001", "ISO9001"],
        quals=["MFA", "BFA", "MBA"],
        words=["Animation Studio", "Creative", "Digital Studio", "Motion Works", "Design Studio"],
        what=["2D and 3D animation and design",
              "motion graphics and brand design"]),
    "health_info": dict(
        model="KPO", always=["HEALTHCARE_INFORMATION_MANAGEMENT"],
        optional=["CLINICAL_DATA_ANALYSIS", "DATA_ANALYTICS", "TECHNICAL_DOCUMENTATION"],
        count=(2, 4),
        industries=["HEALTHCARE", "INSURANCE", "PHARMA_LIFE_SCIENCES"],
        certs=["HIPAA", "HITRUST", "ISO27001", "SOC2"],
        quals=["RHIA", "CCS", "MD", "RN"],
        words=["Health Informatics", "Health Information Services", "Clinical Coding",
               "Medical Records"],
        what=["medical coding, clinical documentation and health information management",
              "health records abstraction and clinical analytics"]),
}

# Which archetypes each headquarters country favours (weights).
BPO_AFFINITY = {
    "default": [("contact_center", 5), ("tech_support", 2), ("back_office", 2),
                ("finance_hr", 1), ("healthcare_bpo", 1), ("trust_safety", 1),
                ("collections", 1)],
    "PH": [("contact_center", 5), ("tech_support", 2), ("back_office", 2), ("finance_hr", 1),
           ("healthcare_bpo", 3), ("trust_safety", 2), ("collections", 1)],
    "IN": [("contact_center", 2), ("tech_support", 2), ("back_office", 2), ("finance_hr", 3),
           ("healthcare_bpo", 2), ("trust_safety", 1)],
    "PL": [("finance_hr", 4), ("tech_support", 2), ("contact_center", 2), ("trust_safety", 1)],
    "RO": [("finance_hr", 2), ("tech_support", 3), ("contact_center", 2), ("trust_safety", 1)],
    "US": [("contact_center", 3), ("healthcare_bpo", 3), ("collections", 2), ("finance_hr", 1),
           ("tech_support", 1)],
    "KE": [("contact_center", 2), ("trust_safety", 2), ("back_office", 1)],
}
KPO_AFFINITY = {
    "default": [("research", 3), ("fin_research", 2), ("legal", 1), ("life_sci", 1),
                ("engineering", 1), ("software", 2), ("creative", 1), ("health_info", 1)],
    "IN": [("research", 3), ("fin_research", 3), ("legal", 2), ("life_sci", 2),
           ("engineering", 2), ("software", 2), ("creative", 1), ("health_info", 2)],
    "PH": [("creative", 2), ("health_info", 2), ("legal", 1), ("research", 1)],
    "VN": [("software", 3), ("engineering", 2), ("creative", 2)],
    "US": [("research", 2), ("fin_research", 2), ("legal", 2), ("life_sci", 2),
           ("software", 1), ("health_info", 1)],
    "GB": [("research", 2), ("fin_research", 2), ("legal", 2), ("life_sci", 1)],
    "DE": [("engineering", 3), ("life_sci", 1), ("software", 1)],
    "AR": [("software", 2), ("creative", 1), ("research", 1), ("fin_research", 1)],
    "PL": [("software", 2), ("fin_research", 2), ("engineering", 1), ("research", 1)],
}
MIXED_PAIRS = [
    ("finance_hr", "fin_research"), ("healthcare_bpo", "health_info"),
    ("healthcare_bpo", "life_sci"), ("contact_center", "research"), ("back_office", "legal"),
    ("tech_support", "software"), ("back_office", "research"), ("contact_center", "creative"),
]
MIXED_WORDS = ["Business Services", "Outsourcing", "Global Services", "Knowledge Services",
               "Process & Analytics", "Solutions Group"]

CERT_VALIDITY_YEARS = {
    "ISO9001": 3, "ISO27001": 3, "ISO27701": 3, "ISO14001": 3, "ISO22301": 3, "ISO13485": 3,
    "SOC1": 1, "SOC2": 1, "HIPAA": 1, "PCI_DSS": 1, "GDPR": 3, "COPC": 2, "CMMI3": 3,
    "CMMI5": 3, "HITRUST": 2,
}
ISO_BODIES = ["BSI", "SGS", "Bureau Veritas", "TÜV SÜD", "DNV", "Intertek", "LRQA",
              "TÜV Rheinland"]
CERT_ISSUERS = {
    "SOC1": ["Harlow & Pike CPAs", "Whitcombe Assurance LLP", "Castellan Audit Partners"],
    "SOC2": ["Harlow & Pike CPAs", "Whitcombe Assurance LLP", "Castellan Audit Partners"],
    "HIPAA": ["Meridale Compliance Group", "Whitcombe Assurance LLP"],
    "PCI_DSS": ["Ironvale Security Assessors", "Castellan Audit Partners"],
    "HITRUST": ["HITRUST Alliance"], "COPC": ["COPC Inc."], "CMMI3": ["CMMI Institute"],
    "CMMI5": ["CMMI Institute"], "GDPR": ["Europrivacy"],
}
EU_COUNTRIES = {"PL", "RO", "BG", "PT", "IE", "DE"}

WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]
MON_SAT = WEEKDAYS + ["SATURDAY"]

# ---------------------------------------------------------------------------
# Building one provider.


def slugify(text):
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def date(y, m, d):
    return {"year": y, "month": m, "day": d}


def add_months(y, m, months):
    total = y * 12 + (m - 1) + months
    return total // 12, total % 12 + 1


def to_minor(usd, currency):
    per_usd, step = CURRENCIES[currency]
    minor = usd * per_usd * 100
    return max(step, int(round(minor / step)) * step)


def join_words(words):
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def certificate(rng, code, expired):
    """A certificate issued by a plausible body; expired ones ran out in 2024
    or 2025, the others are valid until at least March 2026. Issue dates are
    never after October 2025."""
    years = CERT_VALIDITY_YEARS[code]
    if expired:
        ey, em = rng.choice([(2024, 3), (2024, 9), (2025, 1), (2025, 4), (2025, 6),
                             (2025, 8), (2025, 10)])
        em += rng.between(0, 2)
    else:
        ey, em = add_months(2026, 3, rng.between(0, 12 * years - 5))
    iy, im = add_months(ey, em, -12 * years)
    day = rng.between(2, 28)
    return {"code": code, "issue_date": date(iy, im, day),
            # Valid up to the day before the anniversary.
            "expiry_date": date(ey, em, day - 1),
            "issuer": rng.choice(CERT_ISSUERS.get(code, ISO_BODIES))}


class Builder:
    def __init__(self, rng):
        self.rng = rng
        self.used_roots = set()
        self.used_names = set()
        self.used_ids = set()

    # -- identity -----------------------------------------------------------

    def pick_root(self, country):
        roots = [r for r in NAME_ROOTS[country] if r not in self.used_roots]
        root = self.rng.choice(roots)
        self.used_roots.add(root)
        return root

    def names(self, country, words):
        rng = self.rng
        root = self.pick_root(country)
        if root == "Manila Bridge":
            word = "Support"
        else:
            word = rng.choice(words)
            if word == "Contact Centre" and country in ("US", "CA", "PH", "MX", "CO", "CR"):
                word = "Contact Center"
        display = f"{root} {word}"
        assert display not in self.used_names, display
        self.used_names.add(display)
        legal_core = display
        if rng.chance(25):
            extra = [w for w in ("Holdings", "Group", "International") if w not in display]
            legal_core = f"{display} {rng.choice(extra)}"
        suffix = rng.choice(LEGAL_SUFFIX[country])
        sep = ", " if suffix == "Lda." else " "
        legal = f"{legal_core}{sep}{suffix}"
        ident = slugify(display)
        if ident in self.used_ids:
            ident = f"{ident}-{country.lower()}"
        assert re.fullmatch(r"[a-z][a-z0-9-]{2,62}", ident), ident
        assert ident not in self.used_ids, ident
        self.used_ids.add(ident)
        return ident, display, legal

    # -- delivery centres ---------------------------------------------------

    def total_headcount(self, models):
        rng = self.rng
        if models == ["KPO"]:
            bands = [(40, 150, 3), (150, 600, 4), (600, 2500, 3), (2500, 9000, 1)]
        else:
            bands = [(40, 300, 2), (300, 1500, 4), (1500, 6000, 4), (6000, 20000, 1)]
        lo, hi = rng.weighted([((lo, hi), w) for lo, hi, w in bands])
        return rng.between(lo, hi)

    def centre_countries(self, country, models):
        rng = self.rng
        onshore = country in ONSHORE_MARKETS
        extra_percent = 55 if onshore and "BPO" in models else 25
        countries = [country]
        if rng.chance(extra_percent):
            countries.append(rng.choice(PARTNER_COUNTRIES[country]))
            if rng.chance(15):
                more = [c for c in PARTNER_COUNTRIES[country] if c not in countries]
                if more:
                    countries.append(rng.choice(more))
        return countries

    def shifts(self, country, models):
        rng = self.rng
        tier = COUNTRIES[country][1]
        if "BPO" in models:
            if tier.startswith("offshore"):
                if country in ("PH", "IN", "JM", "LK"):
                    options = [[(WEEKDAYS, 21, 0, 6, 0)], [(WEEKDAYS, 22, 0, 7, 0)],
                               [(WEEKDAYS, 8, 0, 17, 0), (WEEKDAYS, 20, 0, 5, 0)],
                               [(MON_SAT, 8, 0, 17, 0)]]
                else:
                    options = [[(WEEKDAYS, 8, 0, 17, 0)], [(MON_SAT, 9, 0, 18, 0)],
                               [(WEEKDAYS, 8, 0, 17, 0), (WEEKDAYS, 15, 0, 23, 30)]]
            elif tier.startswith("nearshore"):
                options = [[(MON_SAT, 7, 0, 16, 0)], [(WEEKDAYS, 8, 0, 17, 0)],
                           [(WEEKDAYS, 8, 0, 17, 0), (WEEKDAYS, 13, 0, 22, 0)],
                           [(WEEKDAYS, 9, 0, 18, 0)]]
            else:
                options = [[(WEEKDAYS, 8, 0, 20, 0), (["SATURDAY"], 9, 0, 13, 0)],
                           [(WEEKDAYS, 7, 30, 18, 30)], [(WEEKDAYS, 8, 0, 17, 0)]]
        else:
            if country == "IN":
                options = [[], [(WEEKDAYS, 12, 0, 21, 0)], [(WEEKDAYS, 14, 0, 23, 0)]]
            elif country == "PH":
                options = [[(WEEKDAYS, 21, 0, 6, 0)], []]
            else:
                options = [[], [], [(WEEKDAYS, 9, 0, 18, 0)], [(WEEKDAYS, 8, 30, 17, 30)]]
        out = []
        for days, sh, sm, eh, em in rng.choice(options):
            start = {"hours": sh, **({"minutes": sm} if sm else {})}
            end = {"hours": eh, **({"minutes": em} if em else {})}
            out.append({"days": list(days), "start_time": start, "end_time": end})
        return out

    def centre(self, country, city, zone, headcount, models):
        rng = self.rng
        seats = max(5, int(round(headcount * rng.between(2, 15) / 100 / 5)) * 5)
        seats = min(seats, headcount)
        c = {"country_code": country, "city": city, "time_zone": zone,
             "headcount": headcount, "seats_available": seats}
        if "BPO" in models and headcount >= 700 and rng.chance(65):
            c["round_the_clock"] = True
        elif models == ["KPO"] and headcount >= 1500 and rng.chance(10):
            c["round_the_clock"] = True
        else:
            shifts = self.shifts(country, models)
            if shifts:
                c["shifts"] = shifts
        return c

    def delivery_centers(self, country, models):
        rng = self.rng
        total = self.total_headcount(models)
        countries = self.centre_countries(country, models)
        # Onshore BPO headquarters staff most seats abroad.
        offshoring = country in ONSHORE_MARKETS and len(countries) > 1 and "BPO" in models
        sites = []
        for i, c in enumerate(countries):
            n_cities = 1
            if i == 0 and total >= 3000:
                n_cities = rng.between(2, 3)
            elif total >= 8000:
                n_cities = 2
            for city, zone in rng.sample(COUNTRIES[c][2], n_cities):
                sites.append((c, city, zone))
        weights = [rng.between(2, 10) for _ in sites]
        if offshoring:
            weights = [w * (1 if s[0] == country else 4) for w, s in zip(weights, sites)]
        total_w = sum(weights)
        centres = []
        for (c, city, zone), w in zip(sites, weights):
            hc = max(40, int(round(total * w / total_w / 10)) * 10)
            centres.append(self.centre(c, city, zone, hc, models))
        centres.sort(key=lambda c: -c["headcount"])
        return centres

    # -- services, languages, certifications ----------------------------------

    def services(self, archetypes):
        rng = self.rng
        out = []
        for a in archetypes:
            spec = ARCHETYPES[a]
            lo, hi = spec["count"]
            n = rng.between(lo, hi)
            if len(archetypes) > 1:
                n = max(len(spec["always"]), n - 1)
            picks = spec["always"] + rng.sample(spec["optional"], n - len(spec["always"]))
            out += [s for s in picks if s not in out]
        return out

    def languages(self, centres, archetypes):
        rng = self.rng
        out = []
        multilingual = "contact_center" in archetypes or "trust_safety" in archetypes
        for c in centres:
            base, extras = LANGUAGES[c["country_code"]]
            picks = list(base)
            if extras:
                n = rng.between(0, 3 if multilingual else 1)
                picks += rng.sample(extras, n)
            out += [t for t in picks if t not in out]
        return out

    def certifications(self, archetypes, centres):
        rng = self.rng
        pool = []
        for a in archetypes:
            pool += [c for c in ARCHETYPES[a]["certs"] if c not in pool]
        n = rng.between(1, min(4, len(pool)))
        codes = [pool[0]] + rng.sample(pool[1:], n - 1)
        in_eu = any(c["country_code"] in EU_COUNTRIES for c in centres)
        if in_eu and "GDPR" not in codes and rng.chance(60):
            codes.append("GDPR")
        return [certificate(rng, code, expired=False) for code in codes]

    def industries(self, archetypes):
        rng = self.rng
        pool = []
        for a in archetypes:
            pool += [i for i in ARCHETYPES[a]["industries"] if i not in pool]
        n = rng.between(2, min(5, len(pool)))
        return [pool[0]] + rng.sample(pool[1:], n - 1)

    # -- money --------------------------------------------------------------

    def currency(self, country):
        local = LOCAL_CURRENCY.get(country)
        if local and self.rng.chance(local[1]):
            return local[0]
        return "USD"

    def rate_card(self, tier, services, currency, hq_onshore):
        rng = self.rng
        card = []
        premium = 1.08 if hq_onshore and not tier.startswith("onshore") else 1.0
        base = {}
        for model in ("BPO", "KPO"):
            lo, hi = RATE_TIERS[tier][model]
            base[model] = (lo + (hi - lo) * rng.below(1001) / 1000) * premium
        bands = {}
        for model, table in SENIORITY_FACTOR.items():
            if model == "BPO":
                bands[model] = table[: rng.between(2, 3)]
            else:
                start = rng.between(0, 1)
                bands[model] = table[start:start + rng.between(2, 3)]
        cap_key = tier.split("_")[0]
        generic = len(services) >= 4 and len({SERVICE_MODEL[s] for s in services}) == 1 \
            and rng.chance(30)
        if generic:
            model = SERVICE_MODEL[services[0]]
            for seniority, factor in bands[model]:
                card.append(self.rate(None, seniority, base[model] * factor, currency,
                                      model, tier, cap_key))
            overrides = rng.sample(services, rng.between(1, 2))
            for s in overrides:
                seniority, factor = bands[model][-1]
                usd = base[model] * factor * max(1.1, SERVICE_RATE_FACTOR[s])
                card.append(self.rate(s, seniority, usd, currency, model, tier, cap_key))
            return card
        for s in services:
            model = SERVICE_MODEL[s]
            jitter = 1 + (rng.below(81) - 40) / 1000
            for seniority, factor in bands[model]:
                usd = base[model] * SERVICE_RATE_FACTOR[s] * factor * jitter
                card.append(self.rate(s, seniority, usd, currency, model, tier, cap_key))
        return card

    def rate(self, service, seniority, usd, currency, model, tier, cap_key):
        if model == "KPO":
            cap = KPO_RATE_CAP.get(tier, KPO_RATE_CAP_DEFAULT.get(cap_key, 200))
            usd = min(usd, cap)
        row = {}
        if service:
            row["service"] = service
        row["seniority"] = seniority
        row["hourly_rate"] = {"currency_code": currency, "minor_units": to_minor(usd, currency)}
        return row

    def minimum_engagement(self, models, card, currency):
        rng = self.rng
        if models == ["KPO"]:
            headcount = rng.choice([1, 2, 2, 3, 5, 8, 10])
            months = rng.choice([3, 6, 6, 12, 12, 24])
        else:
            headcount = rng.choice([5, 10, 10, 15, 20, 25, 50])
            months = rng.choice([6, 12, 12, 12, 24, 36])
        hourly = min(r["hourly_rate"]["minor_units"] for r in card)
        step = 100000 if currency in ("USD", "EUR", "GBP", "CAD", "PLN", "RON", "BRL") \
            else 10000000
        value = max(step, int(round(hourly * headcount * 160 / step)) * step)
        return {"headcount": headcount, "duration_months": months,
                "monthly_value": {"currency_code": currency, "minor_units": value}}

    # -- whole provider -------------------------------------------------------

    def archetypes_for(self, country, kind):
        rng = self.rng
        if kind == "BPO":
            return [rng.weighted(BPO_AFFINITY.get(country, BPO_AFFINITY["default"]))]
        if kind == "KPO":
            return [rng.weighted(KPO_AFFINITY.get(country, KPO_AFFINITY["default"]))]
        return list(rng.choice(MIXED_PAIRS))

    def provider(self, country, kind):
        rng = self.rng
        archetypes = self.archetypes_for(country, kind)
        models = ["BPO", "KPO"] if kind == "BOTH" else [kind]
        words = MIXED_WORDS if kind == "BOTH" else ARCHETYPES[archetypes[0]]["words"]
        ident, display, legal = self.names(country, words)
        services = self.services(archetypes)
        centres = self.delivery_centers(country, models)
        tier = COUNTRIES[centres[0]["country_code"]][1]
        currency = self.currency(country)
        card = self.rate_card(tier, services, currency, country in ONSHORE_MARKETS)
        p = {
            "name": f"providers/{ident}",
            "display_name": display,
            "legal_name": legal,
            "headquarters_country": country,
            "status": "STATUS_ACTIVE",
            "service_models": [f"SERVICE_MODEL_{m}" for m in models],
            "services": services,
            "delivery_centers": centres,
            "languages": self.languages(centres, archetypes),
            "certifications": self.certifications(archetypes, centres),
            "industries": self.industries(archetypes),
            "rate_card": card,
        }
        if rng.chance(90):
            p["minimum_engagement"] = self.minimum_engagement(models, card, currency)
        p["quality"] = {"rating": rng.tenths(3.2, 4.9), "review_count": rng.between(3, 600),
                        "sla_attainment_percent": rng.tenths(88, 99.8)}
        p["talent"] = self.talent(models, archetypes)
        p["declared_delivery_models"] = self.declared_models(centres)
        p["description"] = self.description(kind, archetypes, centres, p["industries"])
        return p

    def talent(self, models, archetypes):
        rng = self.rng
        if models == ["KPO"]:
            percent = rng.between(45, 92)
        elif models == ["BPO"]:
            percent = rng.between(2, 15)
        else:
            percent = rng.between(15, 40)
        quals = []
        for a in archetypes:
            pool = ARCHETYPES[a]["quals"]
            quals += [q for q in rng.sample(pool, rng.between(1, len(pool))) if q not in quals]
        return {"qualified_staff_percent": percent, "qualifications": quals}

    def declared_models(self, centres):
        rng = self.rng
        models = set()
        for c in centres:
            cc = c["country_code"]
            if cc in ONSHORE_MARKETS:
                models.add(1)
            elif cc in NEARSHORE_HUBS:
                models.add(2)
                if rng.chance(30):
                    models.add(1)
            else:
                models.add(3)
                if cc in EUROPE_FACING and rng.chance(40):
                    models.add(2)
                if rng.chance(20):
                    models.add(1)
        names = {1: "ONSHORE", 2: "NEARSHORE", 3: "OFFSHORE"}
        return [f"DELIVERY_MODEL_{names[m]}" for m in sorted(models)]

    def description(self, kind, archetypes, centres, industries):
        rng = self.rng
        cities = []
        for c in centres:
            if c["city"] not in cities:
                cities.append(c["city"])
        where = join_words(cities[:3]) if len(cities) <= 3 else \
            f"{', '.join(cities[:2])} and {len(cities) - 2} more sites"
        whom = join_words([INDUSTRY_WORDS[i] for i in industries[:2]])
        what = rng.choice(ARCHETYPES[archetypes[0]]["what"])
        if kind == "BOTH":
            extra = rng.choice(ARCHETYPES[archetypes[1]]["what"])
            return (f"Combines {what} with {extra} from {where}, mainly for {whom} clients.")
        label = "BPO" if kind == "BPO" else "KPO"
        templates = [
            f"{label} provider offering {what} from {where} for {whom} clients.",
            f"Delivers {what} from {where}, with most clients in {whom}.",
            f"{label} specialist in {what}, working from {where} for {whom} companies.",
        ]
        return rng.choice(templates)


# ---------------------------------------------------------------------------
# Statuses and expired certificates.


def apply_lifecycle(rng, providers):
    """Marks 10 providers suspended and 5 pending (new: few or no reviews), and
    gives 12 an extra certificate that expired in 2024-2025 (6 of them are
    among the suspended)."""
    order = rng.shuffled(range(len(providers)))
    expired, rest = order[:12], order[12:]
    suspended = expired[:6] + rest[:4]
    pending = rest[4:9]
    for i in expired:
        p = providers[i]
        codes = [c["code"] for c in p["certifications"]]
        pool = [c for c in ("ISO9001", "ISO27001", "SOC2", "PCI_DSS", "HIPAA", "COPC")
                if c not in codes]
        code = rng.choice(pool)
        p["certifications"].append(certificate(rng, code, expired=True))
    for i in suspended:
        providers[i]["status"] = "STATUS_SUSPENDED"
    for i in pending:
        p = providers[i]
        p["status"] = "STATUS_PENDING"
        count = 0 if i == pending[0] else rng.between(1, 12)
        p["quality"]["review_count"] = count
        if count == 0:
            del p["quality"]["rating"]
    # Two new centres still hiring: more seats than staff today.
    for i in rest[9:11]:
        c = providers[i]["delivery_centers"][-1]
        c["seats_available"] = c["headcount"] + rng.between(2, 8) * 10


def build():
    rng = Rng(SEED)
    builder = Builder(rng)
    providers = []
    for country, (bpo, kpo, both) in PLAN.items():
        for kind in ["BPO"] * bpo + ["KPO"] * kpo + ["BOTH"] * both:
            providers.append(builder.provider(country, kind))
    apply_lifecycle(rng, providers)
    providers.sort(key=lambda p: p["name"])
    return providers


# ---------------------------------------------------------------------------
# YAML output: our own emitter, for a stable and readable layout.

WIDTH = 100
PLAIN = re.compile(r"[^\W_][\w .,&()'/+-]*")
PLAIN_FLOW = re.compile(r"[^\W_][\w .&()'/+-]*")
RESERVED = re.compile(r"(?i)(y|n|yes|no|on|off|true|false|null|~|[-+.0-9][-+.0-9e_:]*)")
# Keys whose list items are written on one line each, however long.
FLOW_ITEMS = {"rate_card", "shifts"}


def scalar(value, in_flow):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = f"{value:.1f}"
        return text[:-2] if text.endswith(".0") else text
    pattern = PLAIN_FLOW if in_flow else PLAIN
    if pattern.fullmatch(value) and not RESERVED.fullmatch(value) and not value.endswith(" "):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value, in_flow=True)


def emit_mapping(lines, mapping, indent, first_prefix=None):
    pad = " " * indent
    for n, (key, value) in enumerate(mapping.items()):
        lead = first_prefix if (n == 0 and first_prefix is not None) else pad
        emit_entry(lines, lead, key, value, indent)


def emit_entry(lines, lead, key, value, indent):
    if not isinstance(value, (dict, list)):
        lines.append(f"{lead}{key}: {scalar(value, in_flow=False)}")
        return
    one_line = f"{lead}{key}: {flow(value)}"
    if len(one_line) <= WIDTH and key not in FLOW_ITEMS:
        lines.append(one_line)
        return
    lines.append(f"{lead}{key}:")
    if isinstance(value, dict):
        emit_mapping(lines, value, indent + 2)
        return
    for item in value:
        item_pad = " " * (indent + 2)
        if isinstance(item, dict) and key not in FLOW_ITEMS:
            emit_mapping(lines, item, indent + 4, first_prefix=item_pad + "- ")
        elif isinstance(item, dict):
            lines.append(f"{item_pad}- {flow(item)}")
        else:
            lines.append(f"{item_pad}- {scalar(item, in_flow=False)}")


HEADER = """\
# Sample provider registry for local development: invented BPO and KPO
# providers (names are made up; cities, time zones and rate levels are
# realistic). Load it into a fresh server with
#   vendormatchctl import --mode upsert deploy/local/sample/providers.yaml
# Generated by make_sample.py beside this file; edit that, not this, and run
#   /usr/bin/python3 deploy/local/sample/make_sample.py
"""


def render(providers):
    lines = [HEADER.rstrip("\n"), "providers:"]
    for p in providers:
        emit_mapping(lines, p, 4, first_prefix="  - ")
    return "\n".join(lines) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-o", "--output", default=os.path.join(here, "providers.yaml"))
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the output file differs from what would be written")
    args = parser.parse_args()
    text = render(build())
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    if args.check:
        try:
            with open(args.output, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            print(f"{args.output} is stale: run {sys.argv[0]}", file=sys.stderr)
            return 1
        return 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
