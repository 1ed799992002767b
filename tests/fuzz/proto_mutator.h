// A small structure-aware mutator for the targets whose input is a message in
// protobuf text format (no libprotobuf-mutator on Debian 12). libFuzzer's
// byte mutations rarely turn `hours: 9` into `hours: 100000000` or a country
// code into another real one; this mutator parses the input, changes a few
// fields through reflection (numbers to boundary values, enums to defined and
// undefined numbers, strings to real codes from the reference tables, list
// entries added, copied, removed) and prints it back. A third of the time it
// leaves the work to libFuzzer's own mutations instead.
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "fuzz_util.h"
#include "services/domain/catalog.h"
#include "services/domain/reference_data.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace vendormatch::fuzz {

// Codes a provider or requirement may hold, real and nearly real: catalogue
// services, countries, currencies, certifications, industries,
// qualifications, language tags and time zones.
inline std::vector<std::string> ReferenceStrings() {
  std::vector<std::string> out;
  for (const auto& s : CatalogServices()) out.emplace_back(s.code);
  for (const auto& c : Countries()) out.emplace_back(c.code);
  for (const auto& c : Currencies()) out.emplace_back(c.code);
  for (const auto& c : Certifications()) out.emplace_back(c.code);
  for (const auto& c : Industries()) out.emplace_back(c.code);
  for (const auto& c : Qualifications()) out.emplace_back(c.code);
  for (const char* s : {"en",
                        "EN",
                        "es-MX",
                        "es-419",
                        "zh-Hant-TW",
                        "de-CH-1996",
                        "en-a-bbb-x-ccc",
                        "x-private",
                        "i-klingon",
                        "tlh",
                        "en-US-u-ca-gregory",
                        "fil",
                        "pt-br",
                        "sr-Latn-RS",
                        "Asia/Manila",
                        "America/New_York",
                        "America/Argentina/Buenos_Aires",
                        "Europe/London",
                        "Asia/Kolkata",
                        "Australia/Lord_Howe",
                        "Pacific/Chatham",
                        "Asia/Kathmandu",
                        "Etc/GMT+12",
                        "Etc/GMT-14",
                        "UTC",
                        "Factory",
                        "posixrules",
                        "right/UTC",
                        "localtime",
                        "Fixed/UTC+05:30:00",
                        "Asia//Kolkata",
                        "../zoneinfo/UTC",
                        "/usr/share/zoneinfo/UTC",
                        "/dev/null",
                        "providers/acme",
                        "PhD",
                        "phd",
                        "Acme"}) {
    out.emplace_back(s);
  }
  return out;
}

class ProtoMutator {
 public:
  // `strings`: values string fields are set to now and then (codes, names).
  explicit ProtoMutator(std::vector<std::string> strings) : strings_(std::move(strings)) {}

  // For LLVMFuzzerCustomMutator: mutates the text-format message of type
  // `prototype` in data[0, size) in place; returns the new size.
  size_t Mutate(const google::protobuf::Message& prototype, uint8_t* data, size_t size,
                size_t max_size, unsigned int seed) {
    rng_.seed(seed);
    if (Pick(3) == 0) return LLVMFuzzerMutate(data, size, max_size);
    std::unique_ptr<google::protobuf::Message> message(prototype.New());
    if (!ParseTextProto(AsText(data, size), *message)) {
      return LLVMFuzzerMutate(data, size, max_size);
    }
    for (size_t n = 1 + Pick(3); n > 0; --n) MutateOnce(*message);
    std::string text;
    google::protobuf::TextFormat::Printer printer;
    printer.SetUseShortRepeatedPrimitives(true);
    printer.SetUseUtf8StringEscaping(true);
    if (!printer.PrintToString(*message, &text) || text.size() > max_size) {
      return LLVMFuzzerMutate(data, size, max_size);
    }
    std::memcpy(data, text.data(), text.size());
    return text.size();
  }

 private:
  using Message = google::protobuf::Message;
  using Field = google::protobuf::FieldDescriptor;

  size_t Pick(size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng_() % n); }

  // Every (message, field) of `message` and the messages it holds.
  void Collect(Message& message, std::vector<std::pair<Message*, const Field*>>& out, int depth) {
    const google::protobuf::Descriptor& d = *message.GetDescriptor();
    const google::protobuf::Reflection& r = *message.GetReflection();
    for (int i = 0; i < d.field_count(); ++i) {
      const Field* f = d.field(i);
      out.emplace_back(&message, f);
      if (f->cpp_type() != Field::CPPTYPE_MESSAGE || depth > 6) continue;
      if (f->is_repeated()) {
        for (int k = 0; k < r.FieldSize(message, f); ++k) {
          Collect(*r.MutableRepeatedMessage(&message, f, k), out, depth + 1);
        }
      } else if (r.HasField(message, f)) {
        Collect(*r.MutableMessage(&message, f), out, depth + 1);
      }
    }
  }

  void MutateOnce(Message& root) {
    std::vector<std::pair<Message*, const Field*>> fields;
    Collect(root, fields, 0);
    if (fields.empty()) return;
    auto [message, field] = fields[Pick(fields.size())];
    const google::protobuf::Reflection& r = *message->GetReflection();
    if (!field->is_repeated()) {
      if (field->cpp_type() == Field::CPPTYPE_MESSAGE) {
        if (r.HasField(*message, field) && Pick(4) == 0) {
          r.ClearField(message, field);
        } else {
          r.MutableMessage(message, field);  // present (maybe empty)
        }
        return;
      }
      SetScalar(*message, field, -1);
      return;
    }
    const int size = r.FieldSize(*message, field);
    switch (Pick(size == 0 ? 1 : 5)) {
      case 0:  // add one
        if (field->cpp_type() == Field::CPPTYPE_MESSAGE) {
          Message* added = r.AddMessage(message, field);
          if (size > 0 && Pick(2) == 0) added->CopyFrom(r.GetRepeatedMessage(*message, field, 0));
        } else {
          AddScalar(*message, field);
        }
        break;
      case 1:  // remove the last
        r.RemoveLast(message, field);
        break;
      case 2:  // swap two
        r.SwapElements(message, field, static_cast<int>(Pick(size)), static_cast<int>(Pick(size)));
        break;
      case 3:  // copy one to the end (a repeat)
        if (field->cpp_type() == Field::CPPTYPE_MESSAGE) {
          r.AddMessage(message, field)
              ->CopyFrom(r.GetRepeatedMessage(*message, field, static_cast<int>(Pick(size))));
        } else {
          AddScalar(*message, field);
          r.SwapElements(message, field, size, static_cast<int>(Pick(size)));
        }
        break;
      default:  // change one
        if (field->cpp_type() != Field::CPPTYPE_MESSAGE) {
          SetScalar(*message, field, static_cast<int>(Pick(size)));
        }
        break;
    }
  }

  int64_t Integer(int64_t current, int64_t low, int64_t high) {
    static constexpr int64_t kInteresting[] = {
        0,   1,   -1,  2,   7,   9,   17,   23,   24,    25,     59,      60,      61,     99,
        100, 101, 120, 121, 200, 201, 1000, 9999, 10000, 999999, 1000000, 1000001, 1 << 16};
    int64_t v;
    switch (Pick(5)) {
      case 0:
        v = kInteresting[Pick(std::size(kInteresting))];
        break;
      case 1:
        v = Pick(2) ? high : low;
        break;
      case 2:
        v = Pick(2) ? high / 60 + static_cast<int64_t>(Pick(3)) : low / 60;
        break;
      case 3:
        // Near the limits of int64_t, without overflowing.
        v = static_cast<int64_t>(std::clamp<__int128>(
            static_cast<__int128>(current) + static_cast<__int128>(Pick(5)) - 2, low, high));
        break;
      default:
        v = static_cast<int64_t>(rng_());
        break;
    }
    return std::clamp(v, low, high);
  }

  double Real(double current) {
    static constexpr double kInteresting[] = {0,    -0.0, 0.5,  1,     3.5,   4.99,     5,
                                              5.01, 24,   24.5, 50,    99.9,  100,      100.1,
                                              -1,   1e9,  1e18, 1e300, 1e308, 4.9e-324, 2.2e-308};
    switch (Pick(5)) {
      case 0:
        return kInteresting[Pick(std::size(kInteresting))];
      case 1:
        return std::numeric_limits<double>::quiet_NaN();
      case 2:
        return Pick(2) ? std::numeric_limits<double>::infinity()
                       : -std::numeric_limits<double>::infinity();
      case 3:
        return current * (Pick(2) ? 10 : -1) + 0.25;
      default:
        return static_cast<double>(rng_()) / 1e6;
    }
  }

  std::string String(const std::string& current) {
    switch (Pick(8)) {
      case 0:
        return "";
      case 1: {  // change case or add blanks
        std::string s = current;
        for (char& c : s) c = Pick(2) ? absl::ascii_tolower(c) : absl::ascii_toupper(c);
        return Pick(2) ? s : " " + s + "\t";
      }
      case 2: {  // long
        static constexpr const char* kUnits[] = {"a", "Z", "-", "_", "/", " ", "\u00e9", "\u682a"};
        std::string s;
        const char* unit = kUnits[Pick(std::size(kUnits))];
        for (size_t n = 1 + Pick(300); n > 0; --n) s += unit;
        return s;
      }
      case 3: {  // libFuzzer's bytes
        std::string s = current;
        s.resize(s.size() + 16);
        s.resize(LLVMFuzzerMutate(reinterpret_cast<uint8_t*>(s.data()), current.size(), s.size()));
        return s;
      }
      default:
        return strings_.empty() ? current : strings_[Pick(strings_.size())];
    }
  }

  // Sets field (entry `index` when repeated) to a new value.
  void SetScalar(Message& m, const Field* f, int index) {
    const google::protobuf::Reflection& r = *m.GetReflection();
    const bool rep = index >= 0;
    switch (f->cpp_type()) {
      case Field::CPPTYPE_INT32: {
        const int64_t cur = rep ? r.GetRepeatedInt32(m, f, index) : r.GetInt32(m, f);
        const auto v = static_cast<int32_t>(
            Integer(cur, std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()));
        rep ? r.SetRepeatedInt32(&m, f, index, v) : r.SetInt32(&m, f, v);
        break;
      }
      case Field::CPPTYPE_INT64: {
        const int64_t cur = rep ? r.GetRepeatedInt64(m, f, index) : r.GetInt64(m, f);
        const int64_t v =
            Integer(cur, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max());
        rep ? r.SetRepeatedInt64(&m, f, index, v) : r.SetInt64(&m, f, v);
        break;
      }
      case Field::CPPTYPE_UINT32:
      case Field::CPPTYPE_UINT64:
        break;  // none in the vendormatch API
      case Field::CPPTYPE_DOUBLE: {
        const double cur = rep ? r.GetRepeatedDouble(m, f, index) : r.GetDouble(m, f);
        rep ? r.SetRepeatedDouble(&m, f, index, Real(cur)) : r.SetDouble(&m, f, Real(cur));
        break;
      }
      case Field::CPPTYPE_FLOAT:
        break;
      case Field::CPPTYPE_BOOL:
        rep ? r.SetRepeatedBool(&m, f, index, !r.GetRepeatedBool(m, f, index))
            : r.SetBool(&m, f, !r.GetBool(m, f));
        break;
      case Field::CPPTYPE_ENUM: {
        const int count = f->enum_type()->value_count();
        const int v = static_cast<int>(Pick(static_cast<size_t>(count) + 2)) - 1;  // -1..count
        rep ? r.SetRepeatedEnumValue(&m, f, index, v) : r.SetEnumValue(&m, f, v);
        break;
      }
      case Field::CPPTYPE_STRING: {
        const std::string cur = rep ? r.GetRepeatedString(m, f, index) : r.GetString(m, f);
        rep ? r.SetRepeatedString(&m, f, index, String(cur)) : r.SetString(&m, f, String(cur));
        break;
      }
      case Field::CPPTYPE_MESSAGE:
        break;
    }
  }

  void AddScalar(Message& m, const Field* f) {
    const google::protobuf::Reflection& r = *m.GetReflection();
    switch (f->cpp_type()) {
      case Field::CPPTYPE_INT32:
        r.AddInt32(&m, f, 0);
        break;
      case Field::CPPTYPE_INT64:
        r.AddInt64(&m, f, 0);
        break;
      case Field::CPPTYPE_DOUBLE:
        r.AddDouble(&m, f, 0);
        break;
      case Field::CPPTYPE_BOOL:
        r.AddBool(&m, f, false);
        break;
      case Field::CPPTYPE_ENUM:
        r.AddEnumValue(&m, f, 1);
        break;
      case Field::CPPTYPE_STRING:
        r.AddString(&m, f, "");
        break;
      default:
        return;
    }
    SetScalar(m, f, r.FieldSize(m, f) - 1);
  }

  std::vector<std::string> strings_;
  std::minstd_rand rng_;
};

}  // namespace vendormatch::fuzz
