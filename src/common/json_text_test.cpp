#include "common/json_text.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace dj {
namespace {

TEST(JsonTextTest, WritesWhatNlohmannReadsBack) {
  JsonText out;
  out.BeginObject()
      .Key("id")
      .Int(-42)
      .Key("stem")
      .String("“党章”\n第\t1 条 \"引号\" \\ \x01")
      .Key("options")
      .BeginArray()
      .String("甲")
      .String("")
      .BeginObject()
      .EndObject()
      .BeginArray()
      .EndArray()
      .EndArray()
      .Key("ok")
      .Bool(true)
      .Key("none")
      .Null()
      .EndObject();
  const std::string text = out.Take();
  nlohmann::json parsed = nlohmann::json::parse(text);
  EXPECT_EQ(parsed, nlohmann::json(
                        {{"id", -42},
                         {"stem", "“党章”\n第\t1 条 \"引号\" \\ \x01"},
                         {"options", {"甲", "", nlohmann::json::object(), nlohmann::json::array()}},
                         {"ok", true},
                         {"none", nullptr}}));
  EXPECT_EQ(out.Take(), "");
}

TEST(JsonTextTest, BadUtf8IsReplacedAsNlohmannDoes) {
  for (std::string bad :
       {std::string("a\xFFz"), std::string("\xE5\x85"), std::string("\xE5\x85x"),
        std::string("\xC0\xAF"), std::string("\xED\xA0\x80"), std::string("\xF0\x9F\x98"),
        std::string("\xF4\x90\x80\x80"), std::string("\x80\x80"), std::string("ok 党 😀")}) {
    JsonText out;
    out.String(bad);
    EXPECT_EQ(out.Take(),
              nlohmann::json(bad).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        << bad;
  }
}

}  // namespace
}  // namespace dj
