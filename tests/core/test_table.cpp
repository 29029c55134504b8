// Users' tables and arrays: readCsv, readNpy, the seeded split and the standardisation, the
// dataset specs, and every bad input each reader refuses (a DataError naming the file and, for a
// CSV cell, its row and column).

#include "test_support.h"
#include "vae/csv_reader.h"
#include "vae/data_description.h"
#include "vae/errors.h"
#include "vae/npy_reader.h"
#include "vae/npy_writer.h"
#include "vae/shapes.h"
#include "vae/user_dataset.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>

using vae::DataError;

namespace {

const std::filesystem::path kFixtures = VAE_FIXTURES_DIR;

using vae::test::errorOf;

#define EXPECT_HAS(message, text) \
    EXPECT_NE((message).find(text), std::string::npos) << "missing \"" << (text) << "\" in: " << (message)

class TableFiles : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = std::filesystem::temp_directory_path() /
                ("vae-table-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    std::filesystem::path write(const std::string& name, const std::string& bytes)
    {
        const std::filesystem::path path = m_dir / name;
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }

    /// The message of readCsv(text) written as `name`.
    std::string csvError(const std::string& text, const std::string& label = {},
                         const std::string& name = "bad.csv")
    {
        const auto path = write(name, text);
        return errorOf([&] { (void)vae::readCsv(path, label); });
    }

    std::filesystem::path m_dir;
};

/// An .npy file's bytes: magic, version, header length, the dict padded to 64 bytes, the data.
std::string npy(const std::string& descr, const std::string& shape, const std::string& data,
                bool fortran = false, int major = 1)
{
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': " +
                       (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    const std::size_t pre = major == 1 ? 10 : 12;
    while ((pre + dict.size() + 1) % 64 != 0)
        dict += ' ';
    dict += '\n';
    std::string out = "\x93NUMPY";
    out += char(major);
    out += '\0';
    const std::size_t n = dict.size();
    out += char(n & 0xFF);
    out += char((n >> 8) & 0xFF);
    if (major != 1) {
        out += char((n >> 16) & 0xFF);
        out += char((n >> 24) & 0xFF);
    }
    return out + dict + data;
}

/// An .npy file with the header dict as given (format 1.0).
std::string npyWithDict(std::string dict)
{
    dict += '\n';
    std::string out("\x93NUMPY\x01\x00", 8);
    out += char(dict.size() & 0xFF);
    out += char(dict.size() >> 8);
    return out + dict;
}

template <typename T> std::string bytesOf(const std::vector<T>& values)
{
    std::string out(values.size() * sizeof(T), '\0');
    std::memcpy(out.data(), values.data(), out.size());
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// CSV

TEST_F(TableFiles, CsvReadsValuesFeatureNamesAndSortedClasses)
{
    const auto path = write("iris.csv", "sepal,petal,\"species\",width\n"
                                        "5.1,1.4,setosa,-2\n"
                                        "  7.0 ,4.7,versicolor,+3e-1\n"
                                        "6.3,\"6.0\",virginica,1E2\n"
                                        "\n"
                                        "4.9,1.5,setosa,0\r\n");
    const vae::Examples e = vae::readCsv(path, "species");
    EXPECT_EQ(e.description.name, "iris.csv");
    EXPECT_EQ(e.description.height, 1);
    EXPECT_EQ(e.description.width, 3);
    EXPECT_EQ(e.description.channels, 1);
    EXPECT_EQ(e.description.values, vae::ValueKind::Real);
    EXPECT_EQ(e.description.featureNames, (std::vector<std::string>{"sepal", "petal", "width"}));
    EXPECT_EQ(e.description.classNames,
              (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
    EXPECT_EQ(e.set.count, 4);
    EXPECT_EQ(e.set.rows, 1);
    EXPECT_EQ(e.set.cols, 3);
    EXPECT_EQ(e.set.pixels, (std::vector<float>{5.1f, 1.4f, -2.0f, 7.0f, 4.7f, 0.3f, 6.3f, 6.0f,
                                                100.0f, 4.9f, 1.5f, 0.0f}));
    EXPECT_EQ(e.set.labels, (std::vector<std::uint8_t>{0, 1, 2, 0}));
}

TEST_F(TableFiles, CsvNumericLabelsSortNumericallyAndNoLabelMeansNoClasses)
{
    const auto path = write("digits.csv", "\xEF\xBB\xBF" "a,digit\n1,10\n2,2\n3,9\n4,2\n");
    const vae::Examples e = vae::readCsv(path, "digit");
    EXPECT_EQ(e.description.featureNames, (std::vector<std::string>{"a"}));
    EXPECT_EQ(e.description.classNames, (std::vector<std::string>{"2", "9", "10"}));
    EXPECT_EQ(e.set.labels, (std::vector<std::uint8_t>{2, 0, 1, 0}));

    const vae::Examples unlabelled = vae::readCsv(path);
    EXPECT_TRUE(unlabelled.description.classNames.empty());
    EXPECT_TRUE(unlabelled.set.labels.empty());
    EXPECT_EQ(unlabelled.description.featureNames, (std::vector<std::string>{"a", "digit"}));
    EXPECT_EQ(unlabelled.set.pixels, (std::vector<float>{1, 10, 2, 2, 3, 9, 4, 2}));
}

TEST_F(TableFiles, CsvCellErrorsNameFileRowAndColumn)
{
    std::string m = csvError("x,y\n1,2\n3,abc\n");
    EXPECT_HAS(m, "bad.csv");
    EXPECT_HAS(m, "row 3, column 2 (\"y\")");
    EXPECT_HAS(m, "\"abc\", not a number");

    m = csvError("x,y\n1,nan\n");
    EXPECT_HAS(m, "row 2, column 2");
    EXPECT_HAS(m, "NaN");

    m = csvError("x,y\n1,2\n-inf,2\n");
    EXPECT_HAS(m, "row 3, column 1 (\"x\")");
    EXPECT_HAS(m, "infinite");

    m = csvError("x,y\n1e39,2\n"); // finite as a double, not as a float
    EXPECT_HAS(m, "row 2, column 1");
    EXPECT_HAS(m, "beyond the range of a 32-bit float");

    m = csvError("x,y\n1,2\n3,\n");
    EXPECT_HAS(m, "row 3, column 2");
    EXPECT_HAS(m, "is empty");

    m = csvError("x,y\n\n1,2\n3,4x\n"); // the blank line 2 is skipped: row 3 is line 4
    EXPECT_HAS(m, "row 3 (line 4), column 2");
}

TEST_F(TableFiles, CsvRaggedRowsAndQuotingErrorsNameTheRow)
{
    std::string m = csvError("a,b,c\n1,2,3\n4,5\n");
    EXPECT_HAS(m, "bad.csv: row 3 has 2 fields, but the header has 3");

    m = csvError("a,b\n1,2\n3,4,5\n");
    EXPECT_HAS(m, "row 3 has more than the header's 2 fields");

    m = csvError("a,b\n1,2\n3,4\"x\"\n");
    EXPECT_HAS(m, "bad.csv: row 3, column 2: malformed CSV");

    m = csvError("a,b\n1,\"2\n");
    EXPECT_HAS(m, "bad.csv");
    EXPECT_HAS(m, "row 2, column 2: a quoted field is not closed before the end of the file");
}

TEST_F(TableFiles, CsvEmptyHeaderOnlyAndLabelColumnErrors)
{
    EXPECT_HAS(csvError(""), "bad.csv: the file is empty");
    EXPECT_HAS(csvError("\n\n"), "bad.csv: the file is empty");
    EXPECT_HAS(csvError("a,b\n"), "bad.csv: the header (2 columns) is not followed by any data row");

    std::string m = csvError("a,b\n1,2\n", "kind");
    EXPECT_HAS(m, "bad.csv: no column is named \"kind\"");
    EXPECT_HAS(m, "\"a\", \"b\"");

    m = csvError("a,kind,kind\n1,x,y\n", "kind");
    EXPECT_HAS(m, "bad.csv: row 1 (the header): columns 2 and 3 are both named \"kind\"");

    m = csvError("kind\nx\n", "kind");
    EXPECT_HAS(m, "no feature column");

    m = csvError("a,kind\n1,x\n2, \n", "kind");
    EXPECT_HAS(m, "row 3, column 2 (\"kind\"), the label, is empty");
}

TEST_F(TableFiles, CsvLabelColumnWithTooManyValuesIsRefusedWithTheCount)
{
    std::string text = "x,id\n";
    for (int i = 0; i < 1000; ++i)
        text += std::to_string(i % 7) + "," + std::to_string(i) + "\n";
    const std::string m = csvError(text, "id");
    EXPECT_HAS(m, "bad.csv: the label column \"id\" has 1000 distinct values");
    EXPECT_HAS(m, "at most 256");
}

TEST_F(TableFiles, CsvMissingFileAndDirectory)
{
    EXPECT_HAS(errorOf([&] { (void)vae::readCsv(m_dir / "none.csv"); }), "none.csv: file not found");
    EXPECT_HAS(errorOf([&] { (void)vae::readCsv(m_dir); }), "is a directory");
}

// ---------------------------------------------------------------------------------------------
// NPY

TEST(NpyReader, ReadsNumpyWrittenFixtures)
{
    // Written by numpy 1.24 (tests/fixtures/README.md): value (i, j) = i + j/10.
    const vae::Examples table = vae::readNpy(kFixtures / "table-5x3-f4.npy");
    EXPECT_EQ(table.set.count, 5);
    EXPECT_EQ(table.description.height, 1);
    EXPECT_EQ(table.description.width, 3);
    EXPECT_EQ(table.description.values, vae::ValueKind::Real);
    EXPECT_TRUE(table.set.labels.empty());
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 3; ++j)
            EXPECT_FLOAT_EQ(table.set.pixels[std::size_t(i * 3 + j)], float(i + j / 10.0));

    // Column-major uint8 images, transposed: byte (n, r, c) = 10n + 3r + c, divided by 255.
    const vae::Examples grey = vae::readNpy(kFixtures / "grey-4x2x3-u1-fortran.npy");
    EXPECT_EQ(grey.set.count, 4);
    EXPECT_EQ(grey.description.height, 2);
    EXPECT_EQ(grey.description.width, 3);
    EXPECT_EQ(grey.description.channels, 1);
    EXPECT_EQ(grey.description.values, vae::ValueKind::UnitInterval);
    for (int n = 0; n < 4; ++n)
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 3; ++c)
                EXPECT_FLOAT_EQ(grey.set.pixels[std::size_t(n * 6 + r * 3 + c)],
                                float((10 * n + 3 * r + c) / 255.0));

    // float64 RGB in [0, 1], channels last: (n, r, c, k) = (12n + 6r + 3c + k) / 64.
    const vae::Examples rgb = vae::readNpy(kFixtures / "rgb-3x2x2x3-f8.npy");
    EXPECT_EQ(rgb.description.channels, 3);
    EXPECT_EQ(rgb.description.values, vae::ValueKind::UnitInterval);
    ASSERT_EQ(rgb.set.pixels.size(), 36u);
    for (std::size_t i = 0; i < 36; ++i)
        EXPECT_FLOAT_EQ(rgb.set.pixels[i], float(i / 64.0));
}

TEST_F(TableFiles, NpyVersions2And3AndRealImages)
{
    const std::vector<float> v{0.5f, -2.0f, 3.0f, 4.0f};
    for (int major : {2, 3}) {
        const auto path = write("v" + std::to_string(major) + ".npy",
                                npy("<f4", "(1, 2, 2)", bytesOf(v), false, major));
        const vae::Examples e = vae::readNpy(path);
        EXPECT_EQ(e.set.pixels, v);
        EXPECT_EQ(e.description.values, vae::ValueKind::Real); // −2 and 3 are outside [0, 1]
    }
    // A Fortran-ordered (N, F) table: the file holds column after column.
    const auto path = write("f.npy", npy("<f8", "(2, 3)", bytesOf(std::vector<double>{1, 4, 2, 5, 3, 6}), true));
    EXPECT_EQ(vae::readNpy(path).set.pixels, (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

/// A table of `values.size() / width` rows of `width` features, with its description.
std::pair<vae::DataDescription, vae::ImageSet> tableOf(int width, std::vector<float> values)
{
    vae::DataDescription description;
    description.height = 1;
    description.width = width;
    vae::ImageSet rows;
    rows.count = int(values.size()) / width;
    rows.rows = 1;
    rows.cols = width;
    rows.pixels = std::move(values);
    return {description, rows};
}

TEST_F(TableFiles, WriteNpyReadsBackAsTheSameExamples)
{
    // A table (N, F), grey images (N, H, W) and RGB images (N, H, W, 3): writeNpy() then readNpy()
    // gives the same shape and values, and the header is 64-byte aligned as numpy writes it.
    const auto [table, rows] = tableOf(3, {0.5f, -1.25f, 3, 4, 5, 6, 7, 8, 9, 10, 11, -12});
    vae::writeNpy(m_dir / "t.npy", table, rows, 3); // the first three rows
    const vae::NpyHeader header = vae::readNpyHeader(m_dir / "t.npy");
    EXPECT_EQ(header.descr, "<f4");
    EXPECT_EQ(header.shape, (std::vector<std::uint64_t>{3, 3}));
    EXPECT_EQ(header.dataOffset % 64, 0u);
    const vae::Examples t = vae::readNpy(m_dir / "t.npy");
    EXPECT_EQ(t.description.height, 1);
    EXPECT_EQ(t.set.pixels, std::vector<float>(rows.pixels.begin(), rows.pixels.begin() + 9));

    vae::DataDescription rgb;
    rgb.height = 2;
    rgb.width = 2;
    rgb.channels = 3;
    vae::ImageSet images;
    images.count = 2;
    images.rows = 2;
    images.cols = 2;
    images.channels = 3;
    for (int i = 0; i < 24; ++i)
        images.pixels.push_back(float(i) / 32.0f);
    vae::writeNpy(m_dir / "rgb.npy", rgb, images);
    EXPECT_EQ(vae::readNpyHeader(m_dir / "rgb.npy").shape, (std::vector<std::uint64_t>{2, 2, 2, 3}));
    const vae::Examples back = vae::readNpy(m_dir / "rgb.npy");
    EXPECT_EQ(back.description.channels, 3);
    EXPECT_EQ(back.set.pixels, images.pixels);

    // A generated set: the shapes training images, generated batch by batch across a batch edge.
    const vae::Dataset shapes = vae::loadShapes(10);
    ASSERT_TRUE(shapes.train.isGenerated());
    vae::writeNpy(m_dir / "shapes.npy", shapes.description, shapes.train, 1030);
    EXPECT_EQ(vae::readNpyHeader(m_dir / "shapes.npy").shape,
              (std::vector<std::uint64_t>{1030, 64, 64}));
    const vae::Examples s = vae::readNpy(m_dir / "shapes.npy");
    std::vector<std::int64_t> indices(1030);
    std::iota(indices.begin(), indices.end(), 0);
    std::vector<float> expected(1030 * 4096);
    shapes.train.gather(indices, expected);
    EXPECT_EQ(s.set.pixels, expected);
}

TEST_F(TableFiles, WriteNpyFailsWholeNamingTheFile)
{
    auto [table, rows] = tableOf(2, {1, 2});
    const auto missing = m_dir / "no-such-dir" / "x.npy";
    std::string m = errorOf([&] { vae::writeNpy(missing, table, rows); });
    EXPECT_HAS(m, missing.string());
    EXPECT_HAS(m, "cannot save");
    // A refused write over an existing file leaves it as it was, and no temporary file.
    const auto old = write("old.npy", "old bytes");
    table.width = 3; // a shape mismatch is refused before anything is written
    m = errorOf([&] { vae::writeNpy(old, table, rows); });
    EXPECT_HAS(m, old.string());
    std::ifstream in(old, std::ios::binary);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "old bytes");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(m_dir), {}), 1);
}

TEST_F(TableFiles, NpyRefusesOtherDtypesAndShapesNamingThem)
{
    const std::string eight(8 * 4, '\0');
    std::string m = errorOf([&] { (void)vae::readNpy(write("be.npy", npy(">f4", "(2, 4)", eight))); });
    EXPECT_HAS(m, "be.npy");
    EXPECT_HAS(m, "big-endian float32 ('>f4')");
    m = errorOf([&] { (void)vae::readNpy(write("i8.npy", npy("<i8", "(2, 2)", eight))); });
    EXPECT_HAS(m, "int64 ('<i8')");
    m = errorOf([&] { (void)vae::readNpy(write("o.npy", npy("|O", "(2, 2)", eight))); });
    EXPECT_HAS(m, "object ('|O')");
    m = errorOf([&] { (void)vae::readNpy(write("rec.npy", npyWithDict("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }"))); });
    EXPECT_HAS(m, "structured dtype");
    m = errorOf([&] { (void)vae::readNpy(write("1d.npy", npy("<f4", "(8,)", eight))); });
    EXPECT_HAS(m, "1d.npy: the array's shape is (8,)");
    EXPECT_HAS(m, "reshape");
    m = errorOf([&] { (void)vae::readNpy(write("c4.npy", npy("<f4", "(1, 2, 1, 4)", eight))); });
    EXPECT_HAS(m, "4 channels");
    m = errorOf([&] { (void)vae::readNpy(write("n0.npy", npy("<f4", "(0, 3)", ""))); });
    EXPECT_HAS(m, "holds no examples");
}

TEST_F(TableFiles, NpyLyingHeadersAreRefusedBeforeAllocating)
{
    const std::string data = bytesOf(std::vector<float>(6, 0.25f));
    std::string m = errorOf([&] { (void)vae::readNpy(write("short.npy", npy("<f4", "(2, 3)", data.substr(0, 20)))); });
    EXPECT_HAS(m, "short.npy: truncated: the header declares shape (2, 3)");
    m = errorOf([&] { (void)vae::readNpy(write("long.npy", npy("<f4", "(2, 3)", data + "xx"))); });
    EXPECT_HAS(m, "long.npy: 2 unexpected bytes after the data");
    // A shape whose product overflows 64 bits, and one of 2^40 values in a tiny file.
    m = errorOf([&] { (void)vae::readNpy(write("huge.npy", npy("<f4", "(9223372036854775807, 65536)", data))); });
    EXPECT_HAS(m, "huge.npy");
    EXPECT_HAS(m, "more than 2147483647 values");
    m = errorOf([&] { (void)vae::readNpy(write("big.npy", npy("|u1", "(32768, 256, 256)", data))); });
    EXPECT_HAS(m, "big.npy: shape (32768, 256, 256) holds more than 2147483647 values");
    m = errorOf([&] { (void)vae::readNpy(write("big1.npy", npy("|u1", "(16384, 256, 256)", data))); });
    EXPECT_HAS(m, "big1.npy: truncated: the header declares shape (16384, 256, 256) of uint8 ('|u1'), 1073741952 bytes in all, but the file is");
    m = errorOf([&] { (void)vae::readNpy(write("big2.npy", npy("|u1", "(1000, 1000)", data))); });
    EXPECT_HAS(m, "big2.npy: truncated: the header declares shape (1000, 1000)");
    m = errorOf([&] { (void)vae::readNpy(write("dim.npy", npy("<f4", "(99999999999999999999, 2)", data))); });
    EXPECT_HAS(m, "larger than 2^63");
    m = errorOf([&] { (void)vae::readNpy(write("hdr.npy", std::string("\x93NUMPY\x02\x00\xff\xff\xff\x7f", 12))); });
    EXPECT_HAS(m, "hdr.npy: the NumPy header declares 2147483647 bytes");
    m = errorOf([&] { (void)vae::readNpy(write("magic.npy", "PK\x03\x04 not numpy")); });
    EXPECT_HAS(m, "magic.npy: not a NumPy .npy file");
    m = errorOf([&] { (void)vae::readNpy(write("key.npy", npyWithDict("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), 'x': 1}"))); });
    EXPECT_HAS(m, "unexpected key 'x'");
    m = errorOf([&] { (void)vae::readNpy(write("v9.npy", std::string("\x93NUMPY\x09\x00\x00\x00", 10))); });
    EXPECT_HAS(m, "version 9.0 is not supported");
}

TEST_F(TableFiles, NpyNanAndInfNameTheExampleAndPosition)
{
    std::vector<float> v(2 * 2 * 3, 0.5f);
    v[1 * 6 + 1 * 3 + 2] = std::nanf("");
    std::string m = errorOf([&] { (void)vae::readNpy(write("nan.npy", npy("<f4", "(2, 2, 3)", bytesOf(v)))); });
    EXPECT_HAS(m, "nan.npy: example 1, position (1, 2) is NaN");
    std::vector<double> d{1.0, 1e300};
    m = errorOf([&] { (void)vae::readNpy(write("inf.npy", npy("<f8", "(1, 2)", bytesOf(d)))); });
    EXPECT_HAS(m, "inf.npy: example 0, position (1)");
    EXPECT_HAS(m, "beyond the float range");
}

// ---------------------------------------------------------------------------------------------
// Split and standardisation

TEST_F(TableFiles, SplitIsSeededDisjointAndStandardisesWithTheTrainingSplit)
{
    std::string text = "a,b,const,kind\n";
    for (int i = 0; i < 95; ++i)
        text += std::to_string(i) + "," + std::to_string(1000 + (i * 37) % 11) + ",7," +
                (i % 3 == 0 ? "x" : "y") + "\n";
    const auto path = write("t.csv", text);
    const vae::Dataset data = vae::loadDataset("csv:" + path.string() + ":label=kind");
    EXPECT_EQ(data.description.source, "csv:" + path.string() + ":label=kind");
    // A relative path is stored absolute, so a checkpoint finds the file from anywhere.
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(m_dir);
    const vae::Dataset relative = vae::loadDataset("csv:t.csv:label=kind");
    std::filesystem::current_path(cwd);
    EXPECT_EQ(relative.description.source, data.description.source);
    EXPECT_EQ(data.train.count, 85); // round(9.5) = 10 test rows
    EXPECT_EQ(data.test.count, 10);
    EXPECT_EQ(data.train.labels.size(), 85u);
    EXPECT_EQ(data.description.classNames, (std::vector<std::string>{"x", "y"}));
    ASSERT_EQ(data.description.featureMean.size(), 3u);
    ASSERT_EQ(data.description.featureScale.size(), 3u);
    EXPECT_FLOAT_EQ(data.description.featureMean[2], 7.0f);
    EXPECT_FLOAT_EQ(data.description.featureScale[2], 1.0f); // a constant column: scale 1

    // Mean 0 and standard deviation 1 on the training split, column by column.
    for (int c = 0; c < 2; ++c) {
        double sum = 0, sq = 0;
        for (int r = 0; r < data.train.count; ++r)
            sum += data.train.pixels[std::size_t(r * 3 + c)];
        const double mean = sum / data.train.count;
        for (int r = 0; r < data.train.count; ++r)
            sq += std::pow(data.train.pixels[std::size_t(r * 3 + c)] - mean, 2);
        EXPECT_NEAR(mean, 0.0, 1e-5) << "column " << c;
        EXPECT_NEAR(std::sqrt(sq / data.train.count), 1.0, 1e-5) << "column " << c;
    }
    for (int r = 0; r < data.train.count; ++r)
        EXPECT_EQ(data.train.pixels[std::size_t(r * 3 + 2)], 0.0f);

    // Back to the file's units: column a holds the row numbers, so train ∪ test is 0 … 94.
    std::set<int> rows;
    for (const vae::ImageSet* set : {&data.train, &data.test}) {
        std::vector<float> values = set->pixels;
        data.description.toOriginalUnits(values);
        for (int r = 0; r < set->count; ++r) {
            const float a = values[std::size_t(r * 3)];
            EXPECT_NEAR(a, std::round(a), 1e-4);
            rows.insert(int(std::lround(a)));
            EXPECT_NEAR(values[std::size_t(r * 3 + 2)], 7.0f, 1e-6);
            EXPECT_EQ(set->labels[std::size_t(r)], int(std::lround(a)) % 3 == 0 ? 0 : 1);
        }
        std::vector<float> again = values;
        data.description.toStandardUnits(again);
        for (std::size_t i = 0; i < again.size(); ++i)
            EXPECT_NEAR(again[i], set->pixels[i], 1e-5);
    }
    EXPECT_EQ(rows.size(), 95u);

    // The same split on every run, and another one for another seed.
    const vae::Dataset again = vae::loadDataset("csv:" + path.string() + ":label=kind");
    EXPECT_EQ(again.test.pixels, data.test.pixels);
    vae::Examples e = vae::readCsv(path, "kind");
    const vae::Dataset other = vae::splitExamples(std::move(e), vae::kTestFraction, 7);
    EXPECT_NE(other.test.pixels, data.test.pixels);
}

TEST_F(TableFiles, SplitPinnedTestRowsAndSmallSets)
{
    // The split is a fixed function of the seed: these rows on every platform.
    std::string text = "i\n";
    for (int i = 0; i < 20; ++i)
        text += std::to_string(i) + "\n";
    vae::Dataset data = vae::loadDataset("csv:" + write("r.csv", text).string());
    ASSERT_EQ(data.test.count, 2);
    data.description.toOriginalUnits(data.test.pixels);
    std::vector<int> test;
    for (float v : data.test.pixels)
        test.push_back(int(std::lround(v)));
    EXPECT_EQ(test, (std::vector<int>{3, 4}));

    const vae::Dataset two = vae::loadDataset("csv:" + write("two.csv", "i\n1\n2\n").string());
    EXPECT_EQ(two.train.count, 1);
    EXPECT_EQ(two.test.count, 1);
    const std::string m = errorOf([&] { (void)vae::loadDataset("csv:" + write("one.csv", "i\n1\n").string()); });
    EXPECT_HAS(m, "one.csv: 1 example; at least 2 are needed");
}

TEST_F(TableFiles, NpyImagesAreNotStandardised)
{
    const vae::Dataset data = vae::loadDataset("npy:" + (kFixtures / "grey-4x2x3-u1-fortran.npy").string());
    EXPECT_EQ(data.train.count + data.test.count, 4);
    EXPECT_EQ(data.test.count, 1);
    EXPECT_FALSE(data.description.standardised());
    for (float v : data.train.pixels)
        EXPECT_TRUE(v >= 0.0f && v <= 1.0f);
    const vae::Dataset table = vae::loadDataset("npy:" + (kFixtures / "table-5x3-f4.npy").string());
    EXPECT_TRUE(table.description.standardised());
    EXPECT_TRUE(table.description.featureNames.empty());
}

TEST(UserDataSpec, ParsesAndRefuses)
{
    vae::UserDataSpec s = vae::parseUserDataSpec("csv:/data/a:b.csv:label=kind");
    EXPECT_EQ(s.path, "/data/a:b.csv");
    EXPECT_EQ(s.labelColumn, "kind");
    s = vae::parseUserDataSpec("npy:x.npy");
    EXPECT_EQ(s.format, vae::UserDataSpec::Format::Npy);
    EXPECT_EQ(s.path, "x.npy");
    EXPECT_HAS(errorOf([] { (void)vae::parseUserDataSpec("csv:"); }), "names no file");
    EXPECT_HAS(errorOf([] { (void)vae::parseUserDataSpec("csv:a.csv:label="); }), "label= names no column");
    EXPECT_HAS(errorOf([] { (void)vae::loadDataset("cifar"); }), "csv:PATH[:label=COLUMN], npy:PATH or folder:PATH[:size=N]");
}

// ---------------------------------------------------------------------------------------------
// The description's feature fields in JSON (saved in checkpoints)

TEST(DataDescriptionFeatures, RoundTripAndOldJsonStillReads)
{
    vae::DataDescription d;
    d.name = "t.csv";
    d.source = "csv:t.csv:label=kind";
    d.height = 1;
    d.width = 2;
    d.values = vae::ValueKind::Real;
    d.featureNames = {"a", "b"};
    d.featureMean = {1.5f, -3.25f};
    d.featureScale = {0.1f, 1.0f};
    d.classNames = {"x", "y"};
    EXPECT_EQ(vae::DataDescription::fromJson(d.toJson()), d);

    const vae::DataDescription old = vae::DataDescription::fromJson(
        R"({"name": "MNIST", "source": "mnist", "height": 28, "width": 28, "channels": 1})");
    EXPECT_TRUE(old.featureNames.empty());
    EXPECT_FALSE(old.standardised());
    EXPECT_EQ(vae::DataDescription::mnist().toJson().find("feature"), std::string::npos);

    EXPECT_HAS(errorOf([] { (void)vae::DataDescription::fromJson(R"({"height": 1, "width": 2, "channels": 1, "feature_names": ["a"]})"); }),
               "must be a list of 2 values");
    EXPECT_HAS(errorOf([] { (void)vae::DataDescription::fromJson(R"({"height": 1, "width": 1, "channels": 1, "feature_mean": [0], "feature_scale": [0]})"); }),
               "feature_scale");
    EXPECT_HAS(errorOf([] { (void)vae::DataDescription::fromJson(R"({"height": 1, "width": 1, "channels": 1, "feature_mean": [0]})"); }),
               "given together");
}

// Found by fuzz_csv: a label in Latin-1 made DataDescription::toJson() throw nlohmann's
// type_error (invalid UTF-8) when the checkpoint was saved after training.
TEST_F(TableFiles, CsvNamesAndLabelsMustBeUtf8AndToJsonNeverThrows)
{
    std::string m = csvError("x,y\n1,caf\xe9\n", "y");
    EXPECT_HAS(m, "row 2, column 2 (\"y\"), the label, is not UTF-8 text");
    m = csvError("x,\xff\xfe\n1,2\n");
    EXPECT_HAS(m, "row 1, column 2: the column name is not UTF-8 text");
    const vae::Examples e = vae::readCsv(write("u.csv", "x,y\n1,caf\xc3\xa9\n2,\xe6\x95\xb0\n"), "y");
    EXPECT_EQ(e.description.classNames, (std::vector<std::string>{"caf\xc3\xa9", "\xe6\x95\xb0"}));

    vae::DataDescription d = vae::DataDescription::mnist();
    d.name = "caf\xe9.csv"; // a Linux file name may be any bytes
    const vae::DataDescription back = vae::DataDescription::fromJson(d.toJson());
    EXPECT_EQ(back.name, "caf\xef\xbf\xbd.csv"); // U+FFFD
}

// The fuzz seed corpora and the inputs a fuzzer once crashed on: each loads (and its description
// survives the JSON round trip) or gives a DataError, as the fuzz targets require.
TEST(UserDataFuzzFiles, CorpusAndRegressionFilesLoadOrGiveADataError)
{
    const std::filesystem::path fuzz = kFixtures / ".." / "fuzz";
    auto loadAll = [](const std::filesystem::path& file, bool csv) {
        for (const char* label : {"", "y"}) {
            if (!csv && *label)
                continue;
            vae::Examples e = csv ? vae::readCsv(file, label) : vae::readNpy(file);
            const vae::Dataset d = vae::splitExamples(std::move(e));
            EXPECT_EQ(vae::DataDescription::fromJson(d.description.toJson()), d.description);
        }
    };
    int loaded = 0, refused = 0;
    for (const char* format : {"csv", "npy"})
        for (const char* kind : {"corpus", "regressions"}) {
            const auto dir = fuzz / kind / format;
            if (!std::filesystem::is_directory(dir))
                continue;
            for (const auto& entry : std::filesystem::directory_iterator(dir)) {
                try {
                    loadAll(entry.path(), std::string(format) == "csv");
                    ++loaded;
                } catch (const DataError&) {
                    ++refused;
                } catch (const std::exception& e) {
                    ADD_FAILURE() << entry.path() << ": not a DataError: " << e.what();
                }
            }
        }
    EXPECT_GE(loaded, 8);
    EXPECT_GE(refused, 8);
}
