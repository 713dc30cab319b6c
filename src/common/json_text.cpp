#include "common/json_text.h"

#include <cstdio>

namespace dj {
namespace {

// The UTF-8 sequence at the start of `s`: its length, and whether it is valid. An invalid
// one is its maximal subpart (the lead byte and the continuation bytes that could still
// have made a valid sequence, at least one byte), replaced by one U+FFFD as nlohmann's
// dump does.
struct Sequence {
  size_t length = 1;
  bool valid = false;
};

Sequence Utf8Sequence(std::string_view s) {
  const unsigned char c = static_cast<unsigned char>(s[0]);
  size_t need = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) low = 0xA0;   // overlong
    if (c == 0xED) high = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return {};
  }
  size_t n = 1;
  for (; n <= need && n < s.size(); ++n) {
    const unsigned char b = static_cast<unsigned char>(s[n]);
    const bool ok = n == 1 ? b >= low && b <= high : (b & 0xC0) == 0x80;
    if (!ok) break;
  }
  return {n, n == need + 1};
}

}  // namespace

void JsonText::Separate() {
  if (need_comma_) out_ += ',';
  need_comma_ = true;
}

JsonText& JsonText::BeginObject() {
  Separate();
  out_ += '{';
  need_comma_ = false;
  return *this;
}

JsonText& JsonText::EndObject() {
  out_ += '}';
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::BeginArray() {
  Separate();
  out_ += '[';
  need_comma_ = false;
  return *this;
}

JsonText& JsonText::EndArray() {
  out_ += ']';
  need_comma_ = true;
  return *this;
}

JsonText& JsonText::Key(std::string_view key) {
  String(key);
  out_ += ':';
  need_comma_ = false;
  return *this;
}

void AppendJsonString(std::string& out, std::string_view value) {
  out += '"';
  // Runs that need no escaping are appended whole.
  size_t run = 0;
  size_t i = 0;
  auto flush = [&] { out.append(value.substr(run, i - run)); };
  while (i < value.size()) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      const Sequence seq = Utf8Sequence(value.substr(i));
      if (seq.valid) {
        i += seq.length;
        continue;
      }
      flush();
      out += "\xEF\xBF\xBD";
      i += seq.length;
      run = i;
      continue;
    }
    flush();
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default: {
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
        out += escaped;
      }
    }
    ++i;
    run = i;
  }
  flush();
  out += '"';
}

JsonText& JsonText::String(std::string_view value) {
  Separate();
  AppendJsonString(out_, value);
  return *this;
}

JsonText& JsonText::Int(int64_t value) {
  Separate();
  out_ += std::to_string(value);
  return *this;
}

JsonText& JsonText::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
  return *this;
}

JsonText& JsonText::Null() {
  Separate();
  out_ += "null";
  return *this;
}

void JsonText::Reserve(size_t bytes) { out_.reserve(bytes); }

std::string JsonText::Take() {
  need_comma_ = false;
  return std::move(out_);
}

}  // namespace dj
