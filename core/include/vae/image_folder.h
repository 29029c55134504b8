#pragma once
// The user's own images as a dataset: a folder in torchvision's ImageFolder layout.

#include "vae/dataset.h"
#include "vae/progress.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vae {

/// The side images are scaled to when no size is given: the most common side is used, but at
/// most this (a 64×64×3 image is already 12,288 inputs for an MLP).
inline constexpr int kMaxDefaultFolderImageSize = 64;
/// The largest side that may be asked for: 3·256·256 is TrainingConfig's largest input.
inline constexpr int kMaxFolderImageSize = 256;
/// Files larger than this are skipped without being read.
inline constexpr std::uintmax_t kMaxImageFileBytes = std::uintmax_t(64) << 20;
/// Images wider or taller than this are skipped without being decoded (read from the header).
inline constexpr int kMaxImageFileSide = 16384;
/// Without train/ and test/ subfolders, this fraction of every class is held out as the test set.
inline constexpr double kDefaultFolderTestFraction = 0.1;
/// The seed of that split: the same files give the same split on every machine and every run.
inline constexpr std::uint64_t kDefaultFolderSplitSeed = 20230907;
/// The file name extensions read (compared without regard to case); other files are ignored.
inline constexpr const char* kImageFolderExtensions[] = {".png", ".jpg", ".jpeg", ".bmp",
                                                         ".gif", ".tga", ".pgm", ".ppm"};

/// How loadImageFolder() reads a folder.
struct ImageFolderOptions {
    /// Side of the square the images are scaled to, 1 – kMaxFolderImageSize; 0: the most common
    /// side among the images (the shorter side of each), at most kMaxDefaultFolderImageSize.
    int size = 0;
    /// Without train/ and test/ subfolders: the fraction of each class held out, in (0, 1).
    double testFraction = kDefaultFolderTestFraction;
    std::uint64_t splitSeed = kDefaultFolderSplitSeed;
    /// Keep the decoded images in a cache file, so that the next open reads that instead. Also
    /// off when the environment variable VAE_EXPLORER_NO_CACHE is set to anything but "" or "0".
    bool useCache = true;
    /// Where cache files go; empty: defaultImageFolderCacheDir().
    std::filesystem::path cacheDir;
    /// Decoding threads; 0: one per hardware thread.
    int threads = 0;
};

/// A file that was not loaded, and why ("empty file (0 bytes)", "corrupt or not an image: …").
struct SkippedFile {
    std::filesystem::path path; ///< relative to the folder
    std::string reason;
};

/// What loadImageFolder() found.
struct ImageFolderResult {
    /// The images, count × size × size × channels values in [0, 1] (byte / 255), HWC. The
    /// description: name = the folder's name, source = imageFolderSpec() of the folder and the
    /// size option, height = width = the size, channels 1 (every image grey) or 3, values
    /// ValueKind::UnitInterval, classNames = the class folders' names in sorted order (or the
    /// folder's own name, one class, when its images lie directly in it).
    Dataset data;
    /// Files passed over, sorted by path: unreadable, empty, too large, corrupt, not images, or
    /// outside the class folders. Everything else was loaded.
    std::vector<SkippedFile> skipped;
    /// The progress callback asked to stop: `data` is empty and no cache was written.
    bool cancelled = false;
    /// True when train/ and test/ subfolders gave the split, false when it was drawn.
    bool splitFromFolders = false;
    /// The images came from the cache file, not from decoding the files.
    bool fromCache = false;
    /// The cache file read or written; empty when the cache is off.
    std::filesystem::path cacheFile;
    /// Why the cache was not read ("no cache file yet", "the folder's files changed", "corrupt:
    /// checksum mismatch", "could not be written: …"); empty when it was read.
    std::string cacheNote;
};

/// Loads the images of the folder `root` in torchvision's ImageFolder layout:
///   root/<class>/**/*.png …                 one class per subfolder (sorted by name), or
///   root/train/<class>/…, root/test/<class>/…  the split given by the folders, or
///   root/*.png …                             no subfolders: one class named after the folder.
/// Without train/ and test/, a fraction options.testFraction of every class (at least one image
/// of a class that has two) is held out as the test set, chosen by a hash of each file's
/// relative path and options.splitSeed: the same on every platform, and adding a file moves no
/// other. Files and folders whose names start with "." and files with other extensions than
/// kImageFolderExtensions are ignored; subfolders of a class folder are searched too (symbolic
/// links to folders are not followed). Each image is cropped to its centred square and scaled
/// to options.size (area average when shrinking, Catmull-Rom when enlarging); an alpha channel
/// is dropped. Every file that cannot be used is listed in `skipped`, not thrown.
///
/// Decodes on options.threads threads. `progress` is called from the calling thread, before the
/// work and then every 50 ms: while the headers are read (before the size is known) with
/// (0, image files found), then with (images decoded, images to decode), ending with (n, n). When
/// it returns false, the workers stop after their current image and the result has `cancelled`
/// set and nothing else (no cache is written). A cached open calls it once, with (n, n).
///
/// Throws DataError naming the folder when it does not exist or is not a folder, when it holds
/// no usable image, when a train/test layout leaves either set empty, when fewer than two images
/// are usable (one to train, one to test), when there are more than 256 classes, or when
/// options.size or options.testFraction is out of range.
[[nodiscard]] ImageFolderResult loadImageFolder(const std::filesystem::path& root,
                                                const ImageFolderOptions& options = {},
                                                const ProgressCallback& progress = {});

/// A "folder:PATH[:size=N]" dataset spec, parsed.
struct ImageFolderSpec {
    std::filesystem::path root;
    int size = 0; ///< 0: not given (the default size)
};

/// Parses "folder:PATH" or "folder:PATH:size=N" (PATH may itself hold colons). Returns nullopt
/// when `spec` does not start with "folder:"; throws DataError when PATH is empty or N is not a
/// whole number in 1 – kMaxFolderImageSize.
[[nodiscard]] std::optional<ImageFolderSpec> parseImageFolderSpec(std::string_view spec);

/// The spec of `folder`: "folder:PATH", with ":size=N" when size > 0.
[[nodiscard]] std::string imageFolderSpec(const ImageFolderSpec& folder);

/// Where image-folder caches are kept: $XDG_CACHE_HOME/vae-explorer/folders, else
/// ~/.cache/vae-explorer/folders. Each file there may be deleted at any time.
[[nodiscard]] std::filesystem::path defaultImageFolderCacheDir();

} // namespace vae
