// Helpers for the storage tests: a temporary directory per test and sample rows.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "common/date.h"
#include "domain/member/member.h"
#include "domain/org/org_node.h"
#include "storage/sqlite/database.h"
#include "storage/sqlite/sqlite_store.h"

namespace dj::testing {

// A new empty directory, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();

  std::string File(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

Date D(const char* ymd);  // Date::Parse that must succeed

OrgNode MakeNode(NodeKind kind, std::string name, std::string code,
                 std::optional<NodeId> parent_id);
// A valid 18-character ID number, distinct for each `serial` below 1000 per birth date.
std::string MakeIdNumber(Date birth, int serial, Gender gender);
// A full member of `branch_id` with every field set.
Member MakeMember(std::string name, int serial, NodeId branch_id);

// The single integer an SQL query such as "SELECT count(*) FROM members" returns.
int64_t QueryInt(Database& db, const char* sql);

// A migrated store in a fresh directory with a fixed clock, plus a separate connection for
// looking at the tables directly.
class StoreTest : public ::testing::Test {
 protected:
  StoreTest();
  void SetUp() override;

  OrgRepository& orgs() { return store_->orgs(); }
  MemberRepository& members() { return store_->members(); }
  int64_t Count(const char* table);  // rows in `table`
  // Inserts the committee, a unit and two branches with a group in the first; ids in the
  // members below.
  void AddTree();

  TempDir dir_;
  FixedClock clock_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<Database> inspect_;
  WriteContext ctx_{7, "管理员", "10.0.0.8", "req-1"};
  NodeId committee_ = 0, unit_ = 0, branch_a_ = 0, branch_b_ = 0, group_a1_ = 0;
};

}  // namespace dj::testing
