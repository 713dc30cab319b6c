// Contests as spreadsheets: the rankings (individuals, and each level of nodes) for the
// organisers' files, and the list of contest links handed out to members.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace dj {

struct MemberRankRow {
  int rank = 0;
  std::string name;
  std::string branch;
  std::string unit;  // "" when the branch is under no unit
  int points = 0;
  int max_points = 0;
  int64_t seconds = 0;
  int64_t submitted_at = 0;  // unix seconds, written as Shanghai time
};

struct NodeRankRow {
  int rank = 0;
  std::string name;
  int64_t eligible = 0;
  int64_t participants = 0;
  double rate = 0;  // 0..1, written as a percentage
  double average = 0;
};

struct NodeRankSheet {
  std::string name;   // the sheet's name, e.g. 单位排名
  std::string level;  // the first column's title, e.g. 单位
  std::vector<NodeRankRow> rows;
};

// Sheet 个人排名, then one sheet per entry of `levels`.
Result<std::string> WriteRankingExport(const std::vector<MemberRankRow>& members,
                                       const std::vector<NodeRankSheet>& levels);

struct PassRow {
  std::string unit;
  std::string branch;
  std::string name;
  std::string link;
};

// Sheet 参赛链接: 单位, 支部, 姓名, 参赛链接 — for sending each member their own link.
Result<std::string> WritePassList(const std::vector<PassRow>& rows);

}  // namespace dj
