#include "storage/sqlite/test_support.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <atomic>
#include <cstdio>

#include "common/id_number.h"

namespace dj::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = "dj_storage_" + std::to_string(getpid()) + "_" +
                     std::to_string(counter.fetch_add(1)) + "_" +
                     (test != nullptr ? std::string(test->name()) : std::string("global"));
  for (char& c : name) {
    if (c == '/') c = '_';
  }
  path_ = std::filesystem::path(::testing::TempDir()) / name;
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Date D(const char* ymd) {
  std::optional<Date> date = Date::Parse(ymd);
  EXPECT_TRUE(date.has_value()) << ymd;
  return date.value_or(Date());
}

OrgNode MakeNode(NodeKind kind, std::string name, std::string code,
                 std::optional<NodeId> parent_id) {
  OrgNode node;
  node.kind = kind;
  node.name = std::move(name);
  node.code = std::move(code);
  node.parent_id = parent_id;
  return node;
}

std::string MakeIdNumber(Date birth, int serial, Gender gender) {
  // The sequence digit's parity carries the gender: odd male, even female.
  int sequence = serial % 500 * 2 + (gender == Gender::kMale ? 1 : 0);
  char first17[32];
  std::snprintf(first17, sizeof first17, "110101%04d%02d%02d%03d", birth.year(), birth.month(),
                birth.day(), sequence);
  return std::string(first17) + IdNumberCheckChar(first17);
}

Member MakeMember(std::string name, int serial, NodeId branch_id) {
  Member m;
  m.name = std::move(name);
  m.gender = serial % 2 == 0 ? Gender::kMale : Gender::kFemale;
  m.ethnicity = "汉族";
  m.birth_date = Date::FromDays(5000 + serial * 37 % 9000);
  m.id_number = MakeIdNumber(m.birth_date, serial, m.gender);
  m.education = Education::kMaster;
  m.phone = "1380000" + std::to_string(1000 + serial % 9000);
  m.probationary_date = D("2010-07-01");
  m.full_date = D("2011-07-01");
  m.status = MemberStatus::kFull;
  m.category = MemberCategory::kInService;
  m.branch_id = branch_id;
  m.post = "科员";
  return m;
}

int64_t QueryInt(Database& db, const char* sql) {
  Result<Statement> st = db.Prepare(sql);
  EXPECT_TRUE(st.ok()) << sql;
  if (!st.ok()) return -1;
  Result<bool> row = st->Step();
  EXPECT_TRUE(row.ok() && *row) << sql;
  return row.ok() && *row ? st->ColumnInt64(0) : -1;
}

StoreTest::StoreTest() : clock_(FixedClock::AtNoon(D("2024-05-01"))) {}

void StoreTest::SetUp() {
  Result<std::unique_ptr<SqliteStore>> store =
      OpenSqliteStore(dir_.File("dj.db"), {.readers = 2, .clock = &clock_});
  ASSERT_TRUE(store.ok()) << store.error().message;
  store_ = std::move(store).value();
  Result<Database> inspect = Database::Open(dir_.File("dj.db"));
  ASSERT_TRUE(inspect.ok()) << inspect.error().message;
  inspect_ = std::make_unique<Database>(std::move(inspect).value());
}

int64_t StoreTest::Count(const char* table) {
  std::string sql = std::string("SELECT count(*) FROM ") + table;
  return QueryInt(*inspect_, sql.c_str());
}

void StoreTest::AddTree() {
  auto add = [&](OrgNode node) {
    Result<OrgNode> stored = orgs().InsertNode(ctx_, node);
    EXPECT_TRUE(stored.ok()) << stored.error().message;
    return stored.ok() ? stored->id : 0;
  };
  committee_ = add(MakeNode(NodeKind::kCommittee, "省直机关工委", "C", std::nullopt));
  unit_ = add(MakeNode(NodeKind::kUnit, "省财政厅", "U1", committee_));
  branch_a_ = add(MakeNode(NodeKind::kBranch, "第一党支部", "U1-B1", unit_));
  branch_b_ = add(MakeNode(NodeKind::kBranch, "第二党支部", "U1-B2", unit_));
  group_a1_ = add(MakeNode(NodeKind::kGroup, "第一党小组", "U1-B1-G1", branch_a_));
}

}  // namespace dj::testing
