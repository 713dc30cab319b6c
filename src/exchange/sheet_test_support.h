// Helpers of the spreadsheet tests: a workbook filled in as a person would, and a file read
// back cell by cell.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "office/xlsx_reader.h"
#include "office/xlsx_writer.h"

namespace dj::testing {

// A workbook with `rows` under the header `header` in its one sheet.
inline std::string Workbook(const std::vector<std::string>& header,
                            const std::vector<std::vector<XlsxCell>>& rows) {
  auto writer = XlsxWriter::Create();
  EXPECT_TRUE(writer.ok());
  std::vector<XlsxColumn> columns;
  for (const std::string& h : header) columns.push_back({h, 12});
  EXPECT_TRUE((*writer)->AddSheet("Sheet1", columns).ok());
  for (const auto& row : rows) EXPECT_TRUE((*writer)->AddRow(row).ok());
  auto bytes = (*writer)->Finish();
  EXPECT_TRUE(bytes.ok());
  return bytes.ok() ? *bytes : std::string();
}

// Every row of the first sheet as text by column.
inline std::vector<std::map<int, std::string>> ReadBack(const std::string& bytes) {
  std::vector<std::map<int, std::string>> rows;
  auto reader = XlsxReader::Open(bytes);
  EXPECT_TRUE(reader.ok());
  if (!reader.ok()) return rows;
  EXPECT_TRUE((*reader)
                  ->ReadRows([&](int, std::span<const XlsxReadCell> cells) {
                    std::map<int, std::string> row;
                    for (const XlsxReadCell& c : cells) row[c.column] = std::string(c.text);
                    rows.push_back(std::move(row));
                    return true;
                  })
                  .ok());
  return rows;
}

}  // namespace dj::testing
