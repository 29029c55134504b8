#include "image_folder_cache.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <system_error>

#include <unistd.h> // getpid
#include <zlib.h>

namespace vae {
namespace {

constexpr std::array<char, 8> kMagic = {'V', 'A', 'E', 'F', 'O', 'L', 'D', 'R'};
// Raise when the payload's layout or what decoding produces changes: older files are then
// rebuilt instead of being misread.
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeaderBytes = 8 + 4 + 8 + 8 + 4;
// Bounds on what a payload may declare, checked before allocating (a corrupt count must not
// ask for terabytes).
constexpr std::uint32_t kMaxStringBytes = 1 << 16;

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

/// Little-endian writer.
class Writer {
public:
    void u8(std::uint8_t v) { m_out.push_back(v); }
    void u32(std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            m_out.push_back(std::uint8_t(v >> (8 * i)));
    }
    void u64(std::uint64_t v)
    {
        for (int i = 0; i < 8; ++i)
            m_out.push_back(std::uint8_t(v >> (8 * i)));
    }
    void bytes(const std::vector<std::uint8_t>& v)
    {
        u64(v.size());
        m_out.insert(m_out.end(), v.begin(), v.end());
    }
    void text(const std::string& s)
    {
        u32(std::uint32_t(std::min<std::size_t>(s.size(), kMaxStringBytes)));
        m_out.insert(m_out.end(), s.begin(), s.begin() + std::min<std::size_t>(s.size(), kMaxStringBytes));
    }
    [[nodiscard]] std::vector<std::uint8_t>& data() { return m_out; }

private:
    std::vector<std::uint8_t> m_out;
};

/// Little-endian reader over a buffer; every read is bounds-checked and a failed one sets `ok`
/// to false and returns zeros.
class Reader {
public:
    Reader(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}
    std::uint64_t unsignedValue(int bytes)
    {
        if (!take(std::size_t(bytes)))
            return 0;
        std::uint64_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v |= std::uint64_t(m_data[m_at - std::size_t(bytes) + std::size_t(i)]) << (8 * i);
        return v;
    }
    std::uint8_t u8() { return std::uint8_t(unsignedValue(1)); }
    std::uint32_t u32() { return std::uint32_t(unsignedValue(4)); }
    std::uint64_t u64() { return unsignedValue(8); }
    std::vector<std::uint8_t> bytes()
    {
        const std::uint64_t n = u64();
        if (n > m_size - m_at || !take(std::size_t(n)))
            return {};
        return {m_data + m_at - n, m_data + m_at};
    }
    std::string text()
    {
        const std::uint32_t n = u32();
        if (n > kMaxStringBytes || !take(n))
            return {};
        return {reinterpret_cast<const char*>(m_data + m_at - n), n};
    }
    [[nodiscard]] bool ok() const { return m_ok; }
    [[nodiscard]] bool atEnd() const { return m_at == m_size; }

private:
    bool take(std::size_t n)
    {
        if (!m_ok || n > m_size - m_at) {
            m_ok = false;
            return false;
        }
        m_at += n;
        return true;
    }
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_at = 0;
    bool m_ok = true;
};

std::uint32_t crc(const std::uint8_t* data, std::size_t size)
{
    return std::uint32_t(crc32_z(crc32_z(0, nullptr, 0), data, size));
}

} // namespace

ImageFolderCache::ImageFolderCache(std::filesystem::path file, std::uint64_t fingerprint)
    : m_file(std::move(file)), m_fingerprint(fingerprint)
{
}

std::optional<FolderImages> ImageFolderCache::read(std::string& why) const
{
    std::error_code ec;
    if (!std::filesystem::exists(m_file, ec)) {
        why = "no cache file yet";
        return std::nullopt;
    }
    File f(std::fopen(m_file.c_str(), "rb"));
    const std::uintmax_t fileBytes = std::filesystem::file_size(m_file, ec);
    if (!f || ec) {
        why = "cache file unreadable";
        return std::nullopt;
    }
    if (fileBytes < kHeaderBytes) {
        why = "corrupt: shorter than its header";
        return std::nullopt;
    }
    std::array<std::uint8_t, kHeaderBytes> head{};
    if (std::fread(head.data(), 1, head.size(), f.get()) != head.size()) {
        why = "cache file unreadable";
        return std::nullopt;
    }
    if (std::memcmp(head.data(), kMagic.data(), kMagic.size()) != 0) {
        why = "corrupt: not a cache file";
        return std::nullopt;
    }
    Reader header(head.data() + kMagic.size(), head.size() - kMagic.size());
    const std::uint32_t version = header.u32();
    const std::uint64_t fingerprint = header.u64();
    const std::uint64_t payloadBytes = header.u64();
    const std::uint32_t checksum = header.u32();
    if (version != kVersion) {
        why = "written by another version";
        return std::nullopt;
    }
    if (fingerprint != m_fingerprint) {
        why = "the folder's files changed";
        return std::nullopt;
    }
    if (payloadBytes != fileBytes - kHeaderBytes) {
        why = "corrupt: " + std::to_string(fileBytes - kHeaderBytes) +
              " bytes after the header, " + std::to_string(payloadBytes) + " expected";
        return std::nullopt;
    }
    std::vector<std::uint8_t> payload(payloadBytes);
    if (std::fread(payload.data(), 1, payload.size(), f.get()) != payload.size()) {
        why = "cache file unreadable";
        return std::nullopt;
    }
    if (crc(payload.data(), payload.size()) != checksum) {
        why = "corrupt: checksum mismatch";
        return std::nullopt;
    }
    // The checksum matched: what follows only fails for a file written by a faulty writer, but
    // nothing in it is trusted without a check either.
    Reader in(payload.data(), payload.size());
    FolderImages images;
    images.size = int(in.u32());
    images.channels = int(in.u32());
    images.splitFromFolders = in.u8() != 0;
    const std::uint32_t classes = in.u32();
    for (std::uint32_t i = 0; in.ok() && i < classes; ++i)
        images.classNames.push_back(in.text());
    images.trainPixels = in.bytes();
    images.trainLabels = in.bytes();
    images.testPixels = in.bytes();
    images.testLabels = in.bytes();
    const std::uint32_t skipped = in.u32();
    for (std::uint32_t i = 0; in.ok() && i < skipped; ++i) {
        SkippedFile s;
        s.path = in.text();
        s.reason = in.text();
        images.skipped.push_back(std::move(s));
    }
    const std::size_t perImage = images.bytesPerImage();
    const bool consistent =
        in.ok() && in.atEnd() && images.size >= 1 && images.size <= kMaxFolderImageSize &&
        (images.channels == 1 || images.channels == 3) && classes >= 1 && classes <= 256 &&
        images.trainPixels.size() == images.trainLabels.size() * perImage &&
        images.testPixels.size() == images.testLabels.size() * perImage &&
        !images.trainLabels.empty() && !images.testLabels.empty() &&
        std::all_of(images.trainLabels.begin(), images.trainLabels.end(),
                    [&](std::uint8_t l) { return l < classes; }) &&
        std::all_of(images.testLabels.begin(), images.testLabels.end(),
                    [&](std::uint8_t l) { return l < classes; });
    if (!consistent) {
        why = "corrupt: inconsistent contents";
        return std::nullopt;
    }
    why.clear();
    return images;
}

std::string ImageFolderCache::write(const FolderImages& images) const
{
    Writer payload;
    payload.u32(std::uint32_t(images.size));
    payload.u32(std::uint32_t(images.channels));
    payload.u8(images.splitFromFolders ? 1 : 0);
    payload.u32(std::uint32_t(images.classNames.size()));
    for (const std::string& name : images.classNames)
        payload.text(name);
    payload.bytes(images.trainPixels);
    payload.bytes(images.trainLabels);
    payload.bytes(images.testPixels);
    payload.bytes(images.testLabels);
    payload.u32(std::uint32_t(images.skipped.size()));
    for (const SkippedFile& s : images.skipped) {
        payload.text(s.path.string());
        payload.text(s.reason);
    }
    const std::vector<std::uint8_t>& body = payload.data();
    Writer header;
    header.u32(kVersion);
    header.u64(m_fingerprint);
    header.u64(body.size());
    header.u32(crc(body.data(), body.size()));

    std::error_code ec;
    std::filesystem::create_directories(m_file.parent_path(), ec);
    if (ec)
        return "could not be written: cannot create " + m_file.parent_path().string() + " (" +
               ec.message() + ")";
    std::random_device random;
    const std::filesystem::path temp =
        m_file.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(random());
    File f(std::fopen(temp.c_str(), "wb"));
    if (!f)
        return "could not be written: cannot create " + temp.string() + " (" +
               std::generic_category().message(errno) + ")";
    const bool written =
        std::fwrite(kMagic.data(), 1, kMagic.size(), f.get()) == kMagic.size() &&
        std::fwrite(header.data().data(), 1, header.data().size(), f.get()) ==
            header.data().size() &&
        std::fwrite(body.data(), 1, body.size(), f.get()) == body.size() &&
        std::fflush(f.get()) == 0;
    // No fsync (it cost 0.9 s of a 2.1 s first open of 70,000 PNGs): after a crash the renamed
    // file may be short or empty, which read()'s length and checksum checks catch.
    const int error = errno;
    const bool closed = std::fclose(f.release()) == 0;
    if (!written || !closed) {
        std::filesystem::remove(temp, ec);
        return "could not be written: " + temp.string() + " (" +
               std::generic_category().message(error) + ")";
    }
    std::filesystem::rename(temp, m_file, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        return "could not be written: cannot rename it to " + m_file.string() + " (" +
               ec.message() + ")";
    }
    return {};
}

} // namespace vae
