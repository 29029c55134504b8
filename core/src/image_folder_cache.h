#pragma once
// The decoded images of a folder, kept in one file so that the next open skips decoding.

#include "vae/image_folder.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vae {

/// A folder's images as bytes (value · 255), before they become floats: what the cache holds.
struct FolderImages {
    int size = 0;     ///< images are size × size
    int channels = 0; ///< 1 or 3
    std::vector<std::string> classNames;
    std::vector<std::uint8_t> trainPixels; ///< train count × size × size × channels
    std::vector<std::uint8_t> trainLabels;
    std::vector<std::uint8_t> testPixels;
    std::vector<std::uint8_t> testLabels;
    std::vector<SkippedFile> skipped;
    bool splitFromFolders = false;

    [[nodiscard]] std::size_t bytesPerImage() const
    {
        return std::size_t(size) * std::size_t(size) * std::size_t(channels);
    }
};

/// One cache file: a header (magic "VAEFOLDR", format version, the fingerprint of the folder's
/// files, the payload's length and CRC-32), then the payload. A file whose magic, version,
/// fingerprint, length, checksum or contents do not check out is not used (read() says why) and
/// is replaced by the next write(). Writes go to a temporary file renamed over the old one, so a
/// reader never sees half a file, and two processes writing at once leave one whole file.
class ImageFolderCache {
public:
    /// `file`: where the cache lives; `fingerprint`: a hash of the folder's file list (relative
    /// paths, sizes, modification times) and the options, which the file must carry to be used.
    ImageFolderCache(std::filesystem::path file, std::uint64_t fingerprint);

    [[nodiscard]] const std::filesystem::path& file() const { return m_file; }

    /// The cached images; nullopt with `why` set when there is no usable cache.
    [[nodiscard]] std::optional<FolderImages> read(std::string& why) const;

    /// Writes `images`; returns why it could not (the folder still loads), or empty.
    [[nodiscard]] std::string write(const FolderImages& images) const;

private:
    std::filesystem::path m_file;
    std::uint64_t m_fingerprint;
};

} // namespace vae
