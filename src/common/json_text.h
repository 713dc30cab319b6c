// JSON written straight into a string, for the answers of a burst (a contest paper and its
// result, 300,000 times within a minute), where building a nlohmann::json tree first costs
// more than the rest of the request. The caller writes a well-formed shape (keys inside
// objects only, every Begin ended); strings are escaped, and text that is not valid UTF-8 is
// written with U+FFFD in place of each bad sequence, as nlohmann::json dumps it (the HTTP
// envelope's DumpJson).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace dj {

// Appends `text` to `out` as a JSON string (quoted, escaped as above).
void AppendJsonString(std::string& out, std::string_view text);

class JsonText {
 public:
  JsonText& BeginObject();
  JsonText& EndObject();
  JsonText& BeginArray();
  JsonText& EndArray();
  JsonText& Key(std::string_view key);
  JsonText& String(std::string_view value);
  JsonText& Int(int64_t value);
  JsonText& Bool(bool value);
  JsonText& Null();

  // Room for `bytes` of text, to write without growing.
  void Reserve(size_t bytes);
  // The text written; the writer is empty afterwards.
  std::string Take();

 private:
  void Separate();  // a comma before a second value of an object or array

  std::string out_;
  bool need_comma_ = false;
};

}  // namespace dj
