#include "vae/csv_reader.h"
#include "vae/errors.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <csv.h>

namespace vae {
namespace {

constexpr std::size_t kMaxFeatures = 65536;     // DataDescription's largest side
constexpr std::size_t kMaxShownText = 40;       // bytes of a cell quoted in a message
constexpr std::size_t kMaxCountedLabels = 100000; // distinct labels counted for the message
constexpr std::size_t kMaxValues = std::size_t(std::numeric_limits<int>::max());

/// A cell's text for a message: at most kMaxShownText bytes, control bytes as '?'.
std::string shown(std::string_view text)
{
    std::string out(text.substr(0, kMaxShownText));
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            c = '?';
    return "\"" + out + (text.size() > kMaxShownText ? "…\"" : "\"");
}

/// Whether `text` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most
/// U+10FFFF). Names and labels end up in JSON (checkpoints, metrics), which must be UTF-8.
bool isUtf8(std::string_view text)
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        const unsigned char c = s[i];
        std::size_t more = 0;
        unsigned char low = 0x80, high = 0xBF; // the allowed range of the second byte
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            low = c == 0xE0 ? 0xA0 : 0x80;
            high = c == 0xED ? 0x9F : 0xBF;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            low = c == 0xF0 ? 0x90 : 0x80;
            high = c == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (i + more >= n)
            return false;
        if (s[i + 1] < low || s[i + 1] > high)
            return false;
        for (std::size_t k = 2; k <= more; ++k)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return false;
        i += more + 1;
    }
    return true;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.remove_suffix(1);
    return text;
}

/// Parses a whole cell as a number: std::nullopt when it is not one (text left over, no digits).
/// Infinite for a value beyond the double range; NaN and ±inf as written.
std::optional<double> parseNumber(std::string_view text)
{
    if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+')
        text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (end != text.data() + text.size() || text.empty())
        return std::nullopt;
    if (ec == std::errc::result_out_of_range) // from_chars leaves value unset: ask strtod which
        return std::strtod(std::string(text).c_str(), nullptr); // way (±HUGE_VAL or a tiny value)
    if (ec != std::errc())
        return std::nullopt;
    return value;
}

/// The streaming state of one read: libcsv calls field() for every field and record() at the end
/// of every record. libcsv is C, so the callbacks must not throw: the first error is kept and
/// thrown by readCsv() after csv_parse() returns (the file is fed line by line, so it stops there).
class CsvTableReader {
public:
    CsvTableReader(std::filesystem::path file, std::string_view labelColumn)
        : m_file(std::move(file)), m_labelColumn(labelColumn)
    {
    }

    static void onField(void* text, std::size_t size, void* self)
    {
        static_cast<CsvTableReader*>(self)->field(
            std::string_view(static_cast<const char*>(text), text ? size : 0));
    }
    static void onRecord(int /*terminator*/, void* self)
    {
        static_cast<CsvTableReader*>(self)->record();
    }

    void startLine(long long line) { m_line = line; }
    [[nodiscard]] bool failed() const { return !m_error.empty(); }
    [[nodiscard]] const std::string& error() const { return m_error; }
    [[nodiscard]] std::string name() const { return m_file.string(); }

    /// "row R" (and "(line L)" where it differs): the record being read, the header being row 1.
    [[nodiscard]] std::string where() const
    {
        const long long row = m_rows + 1;
        std::string text = "row " + std::to_string(row);
        if (m_recordLine != row)
            text += " (line " + std::to_string(m_recordLine) + ")";
        return text;
    }

    /// The error for a libcsv parse error at the field being read.
    void parseError(const std::string& what)
    {
        fail(where() + ", column " + std::to_string(m_field + 1) + ": " + what);
    }

    /// Checks what can only be checked at the end and builds the result; throws DataError.
    Examples finish()
    {
        if (m_rows == 0 && m_header.empty())
            throw DataError(name() + ": the file is empty: expected a header row of column names "
                                     "and then one row of numbers per example");
        if (m_rows <= 1)
            throw DataError(name() + ": the header (" + std::to_string(m_header.size()) +
                            " columns) is not followed by any data row");
        if (m_distinctLabels.size() > std::size_t(kMaxCsvClasses))
            throw DataError(name() + ": the label column \"" + std::string(m_labelColumn) +
                            "\" has " +
                            (m_distinctLabels.size() > kMaxCountedLabels
                                 ? "more than " + std::to_string(kMaxCountedLabels)
                                 : std::to_string(m_distinctLabels.size())) +
                            " distinct values; a class label has at most " +
                            std::to_string(kMaxCsvClasses) +
                            " (is it an identifier or a measurement? leave out label= to use "
                            "the table without labels)");
        Examples out;
        DataDescription& d = out.description;
        d.name = m_file.filename().string();
        d.height = 1;
        d.width = int(m_featureCount);
        d.channels = 1;
        d.values = ValueKind::Real;
        for (std::size_t c = 0; c < m_header.size(); ++c)
            if (int(c) != m_labelIndex)
                d.featureNames.push_back(m_header[c]);
        out.set.count = int(m_rows - 1);
        out.set.rows = 1;
        out.set.cols = int(m_featureCount);
        out.set.channels = 1;
        out.set.pixels = std::move(m_values);
        if (m_labelIndex >= 0) {
            d.classNames = sortedClasses();
            std::unordered_map<std::string, std::uint8_t> classOf;
            for (std::size_t k = 0; k < d.classNames.size(); ++k)
                classOf.emplace(d.classNames[k], std::uint8_t(k));
            out.set.labels.reserve(m_labelIds.size());
            for (std::uint32_t id : m_labelIds)
                out.set.labels.push_back(classOf.at(m_labelNames[id]));
        }
        return out;
    }

private:
    void fail(const std::string& what)
    {
        if (m_error.empty())
            m_error = name() + ": " + what;
    }

    [[nodiscard]] std::string cellWhere() const
    {
        std::string column = "column " + std::to_string(m_field + 1);
        if (m_field < m_header.size())
            column += " (" + shown(m_header[m_field]) + ")";
        return where() + ", " + column;
    }

    void field(std::string_view text)
    {
        if (failed())
            return;
        if (m_field == 0)
            m_recordLine = m_line;
        if (m_rows == 0) {
            headerField(text);
        } else if (m_field == 0 && trimmed(text).empty() && m_header.size() > 1) {
            m_pendingBlank = true; // a line of spaces is blank unless more fields follow
        } else {
            if (m_pendingBlank) {
                m_pendingBlank = false;
                m_field = 0;
                cell("");
                if (failed())
                    return;
                m_field = 1;
            }
            cell(text);
        }
        ++m_field;
    }

    void headerField(std::string_view text)
    {
        if (m_header.size() > kMaxFeatures) {
            fail("the header has more than " + std::to_string(kMaxFeatures + 1) +
                 " columns, more than supported");
            return;
        }
        std::string name(trimmed(text));
        if (m_header.empty() && name.starts_with("\xEF\xBB\xBF")) // a UTF-8 byte-order mark
            name = std::string(trimmed(std::string_view(name).substr(3)));
        if (name.empty())
            name = "column " + std::to_string(m_header.size() + 1);
        if (!isUtf8(name)) {
            fail(where() + ", column " + std::to_string(m_header.size() + 1) +
                 ": the column name is not UTF-8 text (save the file as UTF-8)");
            return;
        }
        m_header.push_back(std::move(name));
    }

    void cell(std::string_view text)
    {
        if (m_field >= m_header.size()) {
            if (m_field == m_header.size())
                fail(where() + " has more than the header's " + std::to_string(m_header.size()) +
                     " fields (column " + std::to_string(m_field + 1) + " is " + shown(text) +
                     ")");
            return;
        }
        const std::string_view value = trimmed(text);
        if (int(m_field) == m_labelIndex) {
            label(value);
            return;
        }
        if (value.empty()) {
            fail(cellWhere() + " is empty: every feature cell must hold a number (missing values "
                               "are not supported: fill or drop them first)");
            return;
        }
        const std::optional<double> number = parseNumber(value);
        if (!number) {
            fail(cellWhere() + " is " + shown(value) + ", not a number" +
                 (m_labelIndex < 0 ? " (if the column holds class names, name it as the label "
                                     "column: csv:PATH:label=" + m_header[m_field] + ")"
                                   : std::string()));
            return;
        }
        if (std::isnan(*number)) {
            fail(cellWhere() + " is NaN: missing values are not supported (fill or drop them "
                               "first)");
            return;
        }
        if (std::abs(*number) > std::numeric_limits<float>::max()) {
            fail(cellWhere() + " is " + shown(value) +
                 (std::isinf(*number) ? ", infinite" : ", beyond the range of a 32-bit float") +
                 ": only finite numbers are supported");
            return;
        }
        if (m_values.size() >= kMaxValues) {
            fail(where() + ": the table holds more than " + std::to_string(kMaxValues) +
                 " values, more than supported");
            return;
        }
        m_values.push_back(static_cast<float>(*number));
    }

    void label(std::string_view value)
    {
        if (value.empty()) {
            fail(cellWhere() + ", the label, is empty: every row needs a class");
            return;
        }
        const std::string key(value);
        auto it = m_labelIndexOf.find(key);
        if (it == m_labelIndexOf.end()) {
            if (!isUtf8(key)) {
                fail(cellWhere() + ", the label, is not UTF-8 text (save the file as UTF-8)");
                return;
            }
            if (m_distinctLabels.size() <= kMaxCountedLabels)
                m_distinctLabels.insert(key);
            if (m_labelNames.size() <= std::size_t(kMaxCsvClasses)) {
                it = m_labelIndexOf.emplace(key, std::uint32_t(m_labelNames.size())).first;
                m_labelNames.push_back(key);
            } else {
                m_labelIds.push_back(0); // too many classes: counted, reported by finish()
                return;
            }
        }
        m_labelIds.push_back(it->second);
    }

    void record()
    {
        if (failed())
            return;
        if (m_pendingBlank && m_field == 1) { // a line of spaces only: skipped like a blank line
            m_pendingBlank = false;
            m_field = 0;
            return;
        }
        m_pendingBlank = false;
        if (m_rows == 0)
            header();
        else if (m_field != m_header.size())
            fail(where() + " has " + std::to_string(m_field) + (m_field == 1 ? " field" : " fields") +
                 ", but the header has " + std::to_string(m_header.size()) +
                 " (a ragged row: every row needs one value per column)");
        if (failed())
            return;
        ++m_rows;
        m_field = 0;
    }

    void header()
    {
        std::unordered_map<std::string_view, std::size_t> columnOf;
        for (std::size_t c = 0; c < m_header.size(); ++c) {
            const auto [it, added] = columnOf.emplace(m_header[c], c);
            if (!added) {
                fail("row 1 (the header): columns " + std::to_string(it->second + 1) + " and " +
                     std::to_string(c + 1) + " are both named " + shown(m_header[c]) +
                     "; column names must be unique");
                return;
            }
        }
        if (!m_labelColumn.empty()) {
            const auto it = columnOf.find(m_labelColumn);
            if (it == columnOf.end()) {
                std::string names;
                for (std::size_t c = 0; c < m_header.size() && c < 20; ++c)
                    names += (c ? ", " : "") + shown(m_header[c]);
                if (m_header.size() > 20)
                    names += ", …";
                fail("no column is named " + shown(m_labelColumn) +
                     " (the label column asked for); the header names " + names);
                return;
            }
            m_labelIndex = int(it->second);
        }
        m_featureCount = m_header.size() - (m_labelIndex >= 0 ? 1 : 0);
        if (m_featureCount == 0)
            fail("row 1 (the header): no feature column (the only column is the label column " +
                 shown(m_labelColumn) + ")");
        else if (m_featureCount > kMaxFeatures)
            fail("row 1 (the header): " + std::to_string(m_featureCount) +
                 " feature columns, more than the " + std::to_string(kMaxFeatures) + " supported");
    }

    /// The label values sorted: numerically when all are numbers, else by their bytes.
    [[nodiscard]] std::vector<std::string> sortedClasses() const
    {
        std::vector<std::string> names = m_labelNames;
        std::vector<std::pair<double, std::string>> numbers;
        for (const std::string& n : names) {
            const std::optional<double> v = parseNumber(n);
            if (!v || std::isnan(*v)) {
                std::sort(names.begin(), names.end());
                return names;
            }
            numbers.emplace_back(*v, n);
        }
        std::sort(numbers.begin(), numbers.end());
        for (std::size_t i = 0; i < names.size(); ++i)
            names[i] = numbers[i].second;
        return names;
    }

    std::filesystem::path m_file;
    std::string m_labelColumn;
    std::string m_error;
    long long m_line = 0;       // the physical line being fed to libcsv (1-based)
    long long m_recordLine = 0; // the line of the current record's first field
    long long m_rows = 0;       // records read, the header included
    std::size_t m_field = 0;    // fields read of the current record
    bool m_pendingBlank = false;
    std::vector<std::string> m_header;
    int m_labelIndex = -1;
    std::size_t m_featureCount = 0;
    std::vector<float> m_values;
    std::vector<std::uint32_t> m_labelIds;                // per row, into m_labelNames
    std::vector<std::string> m_labelNames;                // in order of first appearance
    std::unordered_map<std::string, std::uint32_t> m_labelIndexOf;
    std::unordered_set<std::string> m_distinctLabels;     // counted for the error message
};

/// libcsv's parser, freed on every path.
class CsvParser {
public:
    CsvParser()
    {
        if (csv_init(&m_parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
            throw DataError("cannot initialise the CSV parser (out of memory)");
    }
    ~CsvParser() { csv_free(&m_parser); }
    CsvParser(const CsvParser&) = delete;
    CsvParser& operator=(const CsvParser&) = delete;
    csv_parser* get() { return &m_parser; }

private:
    csv_parser m_parser{};
};

} // namespace

Examples readCsv(const std::filesystem::path& file, std::string_view labelColumn)
{
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        throw DataError(file.string() + ": file not found");
    if (std::filesystem::is_directory(file, ec))
        throw DataError(file.string() + ": is a directory, expected a CSV file");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw DataError(file.string() + ": cannot be opened for reading");

    CsvTableReader reader(file, labelColumn);
    CsvParser parser;
    // Line by line, so that a message can name the line, and reading stops at the first error.
    std::string line;
    long long lineNumber = 0;
    while (std::getline(in, line)) {
        reader.startLine(++lineNumber);
        if (!in.eof())
            line.push_back('\n');
        const std::size_t parsed = csv_parse(parser.get(), line.data(), line.size(),
                                             CsvTableReader::onField, CsvTableReader::onRecord,
                                             &reader);
        if (parsed != line.size() && !reader.failed())
            reader.parseError(std::string("malformed CSV (") +
                              csv_strerror(csv_error(parser.get())) +
                              "): a quote may only open a field or close it, and a quote inside "
                              "a quoted field is written twice (\"\")");
        if (reader.failed())
            throw DataError(reader.error());
    }
    if (in.bad())
        throw DataError(file.string() + ": read error");
    if (csv_fini(parser.get(), CsvTableReader::onField, CsvTableReader::onRecord, &reader) != 0 &&
        !reader.failed())
        reader.parseError("a quoted field is not closed before the end of the file");
    if (reader.failed())
        throw DataError(reader.error());
    return reader.finish();
}

} // namespace vae
