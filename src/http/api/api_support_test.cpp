#include "http/api/api_support.h"

#include <gtest/gtest.h>

namespace dj::http {
namespace {

Request Get(std::string_view target) {
  Result<Request> request = Request::Make(Method::kGet, target);
  EXPECT_TRUE(request.ok());
  return std::move(request).value();
}

TEST(PathIdTest, AcceptsPositiveIntegersOnly) {
  struct Case {
    std::string value;
    std::optional<int64_t> id;
  };
  for (const Case& c : std::vector<Case>{{"1", 1},
                                         {"9223372036854775807", INT64_MAX},
                                         {"0", std::nullopt},
                                         {"-1", std::nullopt},
                                         {"abc", std::nullopt},
                                         {"12abc", std::nullopt},
                                         {"", std::nullopt},
                                         {"9223372036854775808", std::nullopt}}) {
    Request request = Get("/x");
    request.SetParams({{"id", c.value}});
    Result<int64_t> id = PathId(request);
    if (c.id) {
      ASSERT_TRUE(id.ok()) << c.value;
      EXPECT_EQ(*id, *c.id);
    } else {
      ASSERT_FALSE(id.ok()) << c.value;
      EXPECT_EQ(id.error().key, "request.invalid_id");
      EXPECT_EQ(id.error().message, "路径中的编号 " + c.value + " 无效");
    }
  }
}

TEST(QueryReaderTest, ReadsWellFormedParameters) {
  Request request =
      Get("/x?page=3&as_of=2024-02-29&sort=name&status=full,probationary&status=lapsed");
  QueryReader in(request);
  EXPECT_EQ(in.Int("page", 1, 10), 3);
  EXPECT_EQ(in.Int("absent", 1, 10), std::nullopt);
  EXPECT_EQ(in.DateParam("as_of"), Date::FromYmd(2024, 2, 29));
  EXPECT_EQ(in.Choice("sort", {"name", "id"}), "name");
  EXPECT_EQ(in.List("status"), (std::vector<std::string>{"full", "probationary", "lapsed"}));
  EXPECT_TRUE(in.Finish().ok());
}

TEST(QueryReaderTest, ReportsEveryMalformedParameterAtOnce) {
  Request request = Get("/x?page=0&page_size=x&as_of=2023-02-29&sort=bogus");
  QueryReader in(request);
  EXPECT_EQ(in.Int("page", 1, 10), std::nullopt);
  EXPECT_EQ(in.Int("page_size", 1, 10), std::nullopt);
  EXPECT_EQ(in.DateParam("as_of"), std::nullopt);
  EXPECT_EQ(in.Choice("sort", {"name", "id"}), std::nullopt);
  Status status = in.Finish();
  ASSERT_FALSE(status.ok());
  const std::vector<FieldError>& fields = status.error().fields;
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[0].key, "request.out_of_range");
  EXPECT_EQ(fields[0].message, "参数 page 应在 1 到 10 之间");
  EXPECT_EQ(fields[1].key, "request.invalid_integer");
  EXPECT_EQ(fields[1].message, "参数 page_size 应为整数");
  EXPECT_EQ(fields[2].key, "request.invalid_date");
  EXPECT_EQ(fields[2].value, "2023-02-29");
  EXPECT_EQ(fields[3].key, "request.invalid_choice");
  EXPECT_EQ(fields[3].message, "参数 sort 的取值 bogus 无效，可选：name、id");
}

// A misspelt parameter would otherwise be ignored, and a search without its filter answers
// more than was asked for.
TEST(QueryReaderTest, ReportsEachUnknownParameterOnce) {
  Request request = Get("/x?subtre=5&page=2&subtre=6&q=%E5%85%9A");
  QueryReader in(request);
  EXPECT_EQ(in.Int("subtree", 1, 100), std::nullopt);
  EXPECT_EQ(in.Int("page", 1, 10), 2);
  Status status = in.Finish();
  ASSERT_FALSE(status.ok());
  const std::vector<FieldError>& fields = status.error().fields;
  ASSERT_EQ(fields.size(), 2u);
  EXPECT_EQ(fields[0].field, "subtre");
  EXPECT_EQ(fields[0].value, "5");
  EXPECT_EQ(fields[0].key, "request.unknown_parameter");
  EXPECT_EQ(fields[0].message, "未知参数 subtre");
  EXPECT_EQ(fields[1].field, "q");
  EXPECT_EQ(fields[1].value, "党");
}

TEST(WriteContextOfTest, CarriesAddressAndRequestId) {
  Request request = Get("/x");
  request.remote_address = "10.0.0.7";
  request.request_id = "abc-1";
  WriteContext ctx = WriteContextOf(request);
  EXPECT_EQ(ctx.address, "10.0.0.7");
  EXPECT_EQ(ctx.request_id, "abc-1");
}

}  // namespace
}  // namespace dj::http
