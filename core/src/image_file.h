#pragma once
// One image file read with stb_image (Debian's libstb): its header, and its pixels as a square.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace vae {

/// An image file's size and channel count, read from its header only.
struct ImageFileInfo {
    int width = 0;
    int height = 0;
    int channels = 0;  ///< in the file: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA
    std::string error; ///< why the file cannot be used; empty when it can
};

/// Reads the header of `file`. Sets `error` (never throws) when the file is empty, larger than
/// kMaxImageFileBytes, unreadable, not an image stb_image reads, or more than kMaxImageFileSide
/// pixels on a side.
[[nodiscard]] ImageFileInfo probeImageFile(const std::filesystem::path& file);

/// An image cropped to its centred square and scaled to size × size.
struct SquareImage {
    std::vector<std::uint8_t> pixels; ///< size × size × channels bytes, HWC
    int channels = 0;                 ///< 1 when the image is grey (also RGB with R = G = B), else 3
    std::string error;                ///< why it could not be decoded; empty when it was
};

/// Decodes `file` (whose header gave `info`), drops any alpha channel, crops the centred square
/// of side min(width, height) and scales it to `size` × `size`: an area average when shrinking
/// (stb_image_resize's box filter, exact for whole ratios), Catmull-Rom when enlarging, in the
/// file's own (gamma-encoded) values as PIL and torchvision do. Sets `error`, never throws.
[[nodiscard]] SquareImage decodeSquareImage(const std::filesystem::path& file,
                                            const ImageFileInfo& info, int size);

} // namespace vae
