// The .npy reader is written here rather than taken from xtensor (Debian libxtensor-dev 0.24.3,
// xtensor/xnpy.hpp), the one packaged C++ reader, because that reader: allocates
// product(shape) × word size before reading (a 100-byte file declaring shape (10^12,) asks for
// terabytes; the product is not checked for overflow); does not check how many bytes
// stream.read() got, so a truncated file loads uninitialised memory without an error; reads
// format 1.0 and 2.0 only (numpy writes 3.0 for non-Latin-1 field names); throws
// std::runtime_error without the file name ("invalid header"); and would bring a 2 MB template
// library (xtensor + xtl) into the core for one function. The format itself is small and fully
// specified (numpy/lib/format.py, NEP 1): a magic string, a version, a header length and a Python
// dict literal with three keys, parsed below by a strict recursive-descent reader.

#include "vae/npy_reader.h"
#include "vae/errors.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

namespace vae {
namespace {

constexpr std::array<unsigned char, 6> kMagic{0x93, 'N', 'U', 'M', 'P', 'Y'};
constexpr std::uint64_t kMaxHeaderBytes = 65536; // numpy itself refuses headers over 10,000 bytes
constexpr std::size_t kMaxDims = 32;             // NPY_MAXDIMS
constexpr std::uint64_t kMaxSide = 65536;        // DataDescription's largest side
constexpr std::uint64_t kMaxValues = std::uint64_t(std::numeric_limits<int>::max());

/// A strict reader of the header's Python dict literal, e.g.
/// {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
class HeaderParser {
public:
    HeaderParser(std::string_view text, std::string file) : m_text(text), m_file(std::move(file))
    {
    }

    void parse(NpyHeader& out)
    {
        skipSpace();
        expect('{');
        bool descr = false, fortran = false, shape = false;
        for (;;) {
            skipSpace();
            if (peek() == '}')
                break;
            const std::string key = string("a key");
            skipSpace();
            expect(':');
            skipSpace();
            if (key == "descr" && !descr) {
                if (peek() == '[')
                    fail("'descr' is a list: a structured dtype (record array), which is not "
                         "supported; save a plain numeric array");
                out.descr = string("the dtype");
                descr = true;
            } else if (key == "fortran_order" && !fortran) {
                out.fortranOrder = boolean();
                fortran = true;
            } else if (key == "shape" && !shape) {
                out.shape = tuple();
                shape = true;
            } else if (key == "descr" || key == "fortran_order" || key == "shape") {
                fail("the key '" + key + "' appears twice");
            } else {
                fail("unexpected key '" + printable(key) +
                     "' (expected 'descr', 'fortran_order' and 'shape')");
            }
            skipSpace();
            if (peek() == ',') {
                ++m_at;
                continue;
            }
            skipSpace();
            if (peek() != '}')
                fail("expected ',' or '}' after the value of '" + key + "'");
        }
        expect('}');
        skipSpace();
        if (m_at != m_text.size())
            fail("unexpected text after the dict");
        if (!descr || !fortran || !shape)
            fail(std::string("the dict lacks '") +
                 (!descr ? "descr" : !fortran ? "fortran_order" : "shape") + "'");
    }

private:
    [[noreturn]] void fail(const std::string& what) const
    {
        throw DataError(m_file + ": invalid NumPy header (byte " + std::to_string(m_at) +
                        " of the header dict): " + what);
    }

    static std::string printable(std::string_view text)
    {
        std::string out(text.substr(0, 40));
        for (char& c : out)
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
                c = '?';
        return out;
    }

    [[nodiscard]] char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }

    void skipSpace()
    {
        while (m_at < m_text.size() &&
               (m_text[m_at] == ' ' || m_text[m_at] == '\n' || m_text[m_at] == '\t'))
            ++m_at;
    }

    void expect(char c)
    {
        if (peek() != c)
            fail(std::string("expected '") + c + "'");
        ++m_at;
    }

    std::string string(const char* what)
    {
        const char quote = peek();
        if (quote != '\'' && quote != '"')
            fail(std::string("expected ") + what + " as a quoted string");
        const std::size_t begin = ++m_at;
        while (m_at < m_text.size() && m_text[m_at] != quote) {
            if (m_text[m_at] == '\\')
                fail("escapes in strings are not supported");
            ++m_at;
        }
        if (m_at >= m_text.size())
            fail("a string is not closed");
        return std::string(m_text.substr(begin, m_at++ - begin));
    }

    bool boolean()
    {
        for (const auto& [word, value] : {std::pair{"True", true}, std::pair{"False", false}})
            if (m_text.substr(m_at).starts_with(word)) {
                m_at += std::strlen(word);
                return value;
            }
        fail("'fortran_order' must be True or False");
    }

    std::vector<std::uint64_t> tuple()
    {
        expect('(');
        std::vector<std::uint64_t> dims;
        for (;;) {
            skipSpace();
            if (peek() == ')')
                break;
            if (dims.size() == kMaxDims)
                fail("more than " + std::to_string(kMaxDims) + " dimensions");
            dims.push_back(integer());
            skipSpace();
            if (m_at < m_text.size() && m_text[m_at] == 'L') // Python 2 wrote long integers so
                ++m_at;
            skipSpace();
            if (peek() == ',') {
                ++m_at;
                continue;
            }
            skipSpace();
            if (peek() != ')')
                fail("expected ',' or ')' in 'shape'");
        }
        expect(')');
        return dims;
    }

    std::uint64_t integer()
    {
        if (peek() < '0' || peek() > '9')
            fail("a dimension in 'shape' is not a non-negative integer");
        std::uint64_t value = 0;
        while (peek() >= '0' && peek() <= '9') {
            const std::uint64_t digit = std::uint64_t(peek() - '0');
            if (value > (std::uint64_t(std::numeric_limits<std::int64_t>::max()) - digit) / 10)
                fail("a dimension in 'shape' is larger than 2^63 − 1");
            value = value * 10 + digit;
            ++m_at;
        }
        return value;
    }

    std::string_view m_text;
    std::string m_file;
    std::size_t m_at = 0;
};

enum class Dtype { U8, F32, F64 };

std::string dtypeName(std::string descr)
{
    if (descr.size() > 40)
        descr = descr.substr(0, 40) + "…";
    for (char& c : descr)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F)
            c = '?';
    if (descr.size() < 2)
        return "'" + descr + "'";
    const char order = descr[0];
    const std::string code = descr.substr(1);
    std::string what;
    static const std::pair<const char*, const char*> names[] = {
        {"u1", "uint8"},    {"i1", "int8"},       {"u2", "uint16"},     {"i2", "int16"},
        {"u4", "uint32"},   {"i4", "int32"},      {"u8", "uint64"},     {"i8", "int64"},
        {"f2", "float16"},  {"f4", "float32"},    {"f8", "float64"},    {"f16", "float128"},
        {"b1", "bool"},     {"c8", "complex64"},  {"c16", "complex128"}, {"O", "object"},
    };
    for (const auto& [c, name] : names)
        if (code == c)
            what = name;
    if (what.empty())
        what = "dtype";
    if (order == '>' && code != "u1" && code != "i1" && code != "b1")
        what = "big-endian " + what;
    return what + " ('" + descr + "')";
}

Dtype parseDtype(const std::string& descr, const std::string& file)
{
    if (descr == "|u1" || descr == "<u1" || descr == ">u1" || descr == "=u1")
        return Dtype::U8;
    if (descr == "<f4")
        return Dtype::F32;
    if (descr == "<f8")
        return Dtype::F64;
    throw DataError(file + ": the array's dtype is " + dtypeName(descr) +
                    "; supported: uint8 ('|u1'), little-endian float32 ('<f4') and float64 "
                    "('<f8') — convert with arr.astype(numpy.float32)");
}

std::size_t itemSize(Dtype type)
{
    return type == Dtype::U8 ? 1 : type == Dtype::F32 ? 4 : 8;
}

std::string shapeText(const std::vector<std::uint64_t>& shape)
{
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

std::uint64_t littleEndian(const unsigned char* b, int bytes)
{
    std::uint64_t value = 0;
    for (int i = bytes - 1; i >= 0; --i)
        value = (value << 8) | b[i];
    return value;
}

} // namespace

NpyHeader readNpyHeader(const std::filesystem::path& file)
{
    const std::string name = file.string();
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        throw DataError(name + ": file not found");
    if (std::filesystem::is_directory(file, ec))
        throw DataError(name + ": is a directory, expected a NumPy .npy file");
    const std::uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec)
        throw DataError(name + ": cannot read its size (" + ec.message() + ")");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw DataError(name + ": cannot be opened for reading");

    std::array<unsigned char, 12> pre{};
    in.read(reinterpret_cast<char*>(pre.data()), 8);
    if (in.gcount() < 8 || !std::equal(kMagic.begin(), kMagic.end(), pre.begin()))
        throw DataError(name + ": not a NumPy .npy file (it does not start with \"\\x93NUMPY\")");
    NpyHeader header;
    header.major = pre[6];
    if (header.major < 1 || header.major > 3)
        throw DataError(name + ": NumPy format version " + std::to_string(pre[6]) + "." +
                        std::to_string(pre[7]) + " is not supported (1.0, 2.0 and 3.0 are)");
    const int lengthBytes = header.major == 1 ? 2 : 4;
    in.read(reinterpret_cast<char*>(pre.data()) + 8, lengthBytes);
    if (in.gcount() < lengthBytes)
        throw DataError(name + ": truncated NumPy header (the file is " + std::to_string(size) +
                        " bytes)");
    const std::uint64_t length = littleEndian(pre.data() + 8, lengthBytes);
    header.dataOffset = 8 + std::uint64_t(lengthBytes) + length;
    if (length > kMaxHeaderBytes)
        throw DataError(name + ": the NumPy header declares " + std::to_string(length) +
                        " bytes, more than the " + std::to_string(kMaxHeaderBytes) + " allowed");
    if (header.dataOffset > size)
        throw DataError(name + ": truncated: the NumPy header declares " + std::to_string(length) +
                        " bytes, but the file is " + std::to_string(size) + " bytes");
    std::string text(length, '\0');
    in.read(text.data(), std::streamsize(length));
    if (std::uint64_t(in.gcount()) != length)
        throw DataError(name + ": read error in the NumPy header");
    HeaderParser(text, name).parse(header);
    return header;
}

Examples readNpy(const std::filesystem::path& file)
{
    const std::string name = file.string();
    const NpyHeader header = readNpyHeader(file);
    const Dtype type = parseDtype(header.descr, name);
    const std::vector<std::uint64_t>& shape = header.shape;
    const std::size_t dims = shape.size();
    if (dims < 2 || dims > 4)
        throw DataError(name + ": the array's shape is " + shapeText(shape) +
                        "; expected (N, F) for a table, (N, H, W) for grey images or (N, H, W, C) "
                        "for images with C = 1 or 3 channels" +
                        (dims == 1 ? " (reshape a single column with arr.reshape(-1, 1))" : ""));
    if (shape[0] == 0)
        throw DataError(name + ": the array holds no examples (shape " + shapeText(shape) + ")");
    for (std::size_t k = 1; k < dims && k < 3; ++k)
        if (shape[k] == 0 || shape[k] > kMaxSide)
            throw DataError(name + ": dimension " + std::to_string(k) + " of shape " +
                            shapeText(shape) + " must be between 1 and " +
                            std::to_string(kMaxSide));
    if (dims == 4 && shape[3] != 1 && shape[3] != 3)
        throw DataError(name + ": shape " + shapeText(shape) + " has " + std::to_string(shape[3]) +
                        " channels in its last dimension; expected 1 (grey) or 3 (RGB), "
                        "channels last");
    // Every factor is now ≤ 2^63 and at most one (N) is above 65,536: check the product anyway.
    std::uint64_t perExample = 1;
    for (std::size_t k = 1; k < dims; ++k)
        perExample *= shape[k];
    std::uint64_t count = 0;
    if (__builtin_mul_overflow(shape[0], perExample, &count) || count > kMaxValues ||
        shape[0] > kMaxValues)
        throw DataError(name + ": shape " + shapeText(shape) + " holds more than " +
                        std::to_string(kMaxValues) + " values, more than supported");
    const std::uint64_t bodyBytes = count * itemSize(type);
    const std::uintmax_t size = std::filesystem::file_size(file);
    const std::uint64_t expected = header.dataOffset + bodyBytes;
    const std::string declared = "the header declares shape " + shapeText(shape) + " of " +
                                 dtypeName(header.descr) + ", " + std::to_string(expected) +
                                 " bytes in all";
    if (size < expected)
        throw DataError(name + ": truncated: " + declared + ", but the file is " +
                        std::to_string(size) + " bytes");
    if (size > expected)
        throw DataError(name + ": " + std::to_string(size - expected) +
                        " unexpected bytes after the data: " + declared + ", the file is " +
                        std::to_string(size) + " bytes");

    Examples out;
    ImageSet& set = out.set;
    set.count = int(shape[0]);
    const bool table = dims == 2;
    set.rows = table ? 1 : int(shape[1]);
    set.cols = table ? int(shape[1]) : int(shape[2]);
    set.channels = dims == 4 ? int(shape[3]) : 1;
    set.pixels.resize(count);

    // Column-major data: the file's k-th value has the multi-index (i0, i1, …) with i0 varying
    // fastest; it goes to C-order position Σ i_j · stride_j.
    std::array<std::uint64_t, 4> stride{}, index{};
    stride[dims - 1] = 1;
    for (std::size_t k = dims - 1; k > 0; --k)
        stride[k - 1] = stride[k] * shape[k];
    std::uint64_t target = 0;

    std::ifstream in(file, std::ios::binary);
    in.seekg(std::streamoff(header.dataOffset));
    const std::size_t item = itemSize(type);
    std::vector<unsigned char> chunk(std::size_t(1) << 20);
    std::uint64_t done = 0;
    while (done < count) {
        const std::uint64_t n = std::min<std::uint64_t>(count - done, chunk.size() / item);
        in.read(reinterpret_cast<char*>(chunk.data()), std::streamsize(n * item));
        if (std::uint64_t(in.gcount()) != n * item)
            throw DataError(name + ": read error in the data section");
        for (std::uint64_t i = 0; i < n; ++i) {
            const unsigned char* b = chunk.data() + i * item;
            double value = 0;
            if (type == Dtype::U8)
                value = b[0];
            else if (type == Dtype::F32)
                value = std::bit_cast<float>(std::uint32_t(littleEndian(b, 4)));
            else
                value = std::bit_cast<double>(littleEndian(b, 8));
            const std::uint64_t at = header.fortranOrder ? target : done + i;
            if (!std::isfinite(value) || std::abs(value) > std::numeric_limits<float>::max()) {
                const std::uint64_t example = at / perExample;
                std::string position;
                for (std::size_t k = 1; k < dims; ++k)
                    position += (k > 1 ? ", " : "") + std::to_string(at / stride[k] % shape[k]);
                throw DataError(name + ": example " + std::to_string(example) + ", position (" +
                                position + ") is " +
                                (std::isnan(value) ? std::string("NaN")
                                 : std::isinf(value) ? std::string("infinite")
                                                     : std::to_string(value) +
                                                           ", beyond the float range") +
                                "; only finite values are supported");
            }
            set.pixels[at] = static_cast<float>(type == Dtype::U8 && !table ? value / 255.0 : value);
            if (header.fortranOrder) { // the next column-major index
                target += stride[0];
                // index[dims − 1] is never needed: it only wraps after the last value.
                for (std::size_t k = 0; k + 1 < dims && ++index[k] == shape[k]; ++k) {
                    index[k] = 0;
                    target -= shape[k] * stride[k];
                    target += stride[k + 1];
                }
            }
        }
        done += n;
    }

    DataDescription& d = out.description;
    d.name = file.filename().string();
    d.height = set.rows;
    d.width = set.cols;
    d.channels = set.channels;
    if (table)
        d.values = ValueKind::Real;
    else if (type == Dtype::U8)
        d.values = ValueKind::UnitInterval;
    else
        d.values = std::all_of(set.pixels.begin(), set.pixels.end(),
                               [](float v) { return v >= 0.0f && v <= 1.0f; })
                       ? ValueKind::UnitInterval
                       : ValueKind::Real;
    return out;
}

} // namespace vae
