#include "vae/image_folder.h"
#include "vae/errors.h"

#include "hash.h"
#include "image_file.h"
#include "image_folder_cache.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <sys/stat.h>

namespace vae {
namespace {

namespace fs = std::filesystem;

// Raise when what a folder decodes to changes (crop, filters, split rule): the fingerprint then
// differs and old caches are rebuilt.
constexpr std::uint64_t kDecodeVersion = 1;
// How often the calling thread wakes to report progress and check for a cancel.
constexpr auto kProgressPeriod = std::chrono::milliseconds(50);
// Labels are bytes (ImageSet::labels).
constexpr int kMaxClasses = 256;

/// An image file found in the folder, before it is read.
struct Candidate {
    fs::path relative; ///< to the root
    int label = 0;
    int set = -1; ///< 0 train, 1 test (from the folders), -1 drawn later
    std::uintmax_t bytes = 0;
    std::int64_t mtime = 0;
};

/// What the walk over the folder found.
struct Layout {
    std::vector<std::string> classNames;
    std::vector<Candidate> files; ///< by class, then by path
    std::vector<SkippedFile> skipped;
    bool splitFromFolders = false;
};

bool hidden(const fs::path& p)
{
    const std::string name = p.filename().string();
    return !name.empty() && name[0] == '.';
}

bool isImageName(const fs::path& p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return std::any_of(std::begin(kImageFolderExtensions), std::end(kImageFolderExtensions),
                       [&](const char* e) { return ext == e; });
}

/// Orders by the path's bytes (std::filesystem::path's own order parses components: 10× slower).
bool byName(const fs::directory_entry& a, const fs::directory_entry& b)
{
    return a.path().native() < b.path().native();
}

/// The subfolders and the image files directly in `dir`, each sorted by name.
struct Listing {
    std::vector<std::string> folders;
    std::vector<fs::directory_entry> images;
};

Listing list(const fs::path& dir)
{
    Listing out;
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec)
        throw DataError(dir.string() + ": cannot be listed (" + ec.message() + ")");
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec)
            throw DataError(dir.string() + ": cannot be listed (" + ec.message() + ")");
        const fs::directory_entry& e = *it;
        if (hidden(e.path()))
            continue;
        std::error_code typeError;
        if (e.is_directory(typeError))
            out.folders.push_back(e.path().filename().string());
        else if (e.is_regular_file(typeError) && isImageName(e.path()))
            out.images.push_back(e);
    }
    std::sort(out.folders.begin(), out.folders.end());
    std::sort(out.images.begin(), out.images.end(), byName);
    return out;
}

Candidate candidate(const fs::directory_entry& e, const fs::path& root, int label, int set)
{
    Candidate c;
    c.relative = e.path().lexically_relative(root);
    c.label = label;
    c.set = set;
    // One stat() for both (directory_entry would make one call for each: 140,000 for MNIST).
    struct stat info {};
    if (::stat(e.path().c_str(), &info) == 0) {
        c.bytes = std::uintmax_t(info.st_size);
        c.mtime = std::int64_t(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
    }
    return c;
}

/// The image files under `dir` (a class folder), at any depth, sorted by path.
std::vector<fs::directory_entry> imagesUnder(const fs::path& dir, const fs::path& root,
                                             std::vector<SkippedFile>& skipped)
{
    std::vector<fs::directory_entry> out;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::directory_entry& e = *it;
        if (hidden(e.path())) {
            if (e.is_directory(ec))
                it.disable_recursion_pending();
            ec.clear();
            continue;
        }
        std::error_code typeError;
        if (e.is_regular_file(typeError) && isImageName(e.path()))
            out.push_back(e);
    }
    if (ec)
        skipped.push_back({dir.lexically_relative(root), "folder cannot be listed (" + ec.message() + ")"});
    std::sort(out.begin(), out.end(), byName);
    return out;
}

std::string expectedLayout(const fs::path& root)
{
    return "expected images (" + std::string("png, jpg, jpeg, bmp, gif, tga, pgm or ppm") +
           ") in class subfolders " + (root / "<class>").string() + "/, or in " +
           (root / "train" / "<class>").string() + "/ and " + (root / "test" / "<class>").string() +
           "/, or directly in the folder";
}

/// The classes in `base` (root/train or root/test) and their files; the images lying directly in
/// `base` are listed as skipped.
std::map<std::string, std::vector<fs::directory_entry>>
classesIn(const fs::path& root, const fs::path& base, std::vector<SkippedFile>& skipped)
{
    std::map<std::string, std::vector<fs::directory_entry>> classes;
    const Listing listing = list(base);
    for (const fs::directory_entry& loose : listing.images)
        skipped.push_back({loose.path().lexically_relative(root), "outside a class folder"});
    for (const std::string& name : listing.folders)
        classes[name] = imagesUnder(base / name, root, skipped);
    return classes;
}

Layout scan(const fs::path& root)
{
    std::error_code ec;
    if (!fs::exists(root, ec))
        throw DataError("image folder " + root.string() + " does not exist");
    if (!fs::is_directory(root, ec))
        throw DataError("image folder " + root.string() + " is a file, not a folder: " +
                        expectedLayout(root));
    Layout layout;
    const Listing top = list(root);
    const bool split = std::binary_search(top.folders.begin(), top.folders.end(), "train") &&
                       std::binary_search(top.folders.begin(), top.folders.end(), "test");
    // class name → (set → files)
    std::map<std::string, std::array<std::vector<fs::directory_entry>, 2>> classes;
    if (split) {
        layout.splitFromFolders = true;
        for (const fs::directory_entry& loose : top.images)
            layout.skipped.push_back({loose.path().lexically_relative(root),
                                      "outside train/ and test/"});
        for (const std::string& other : top.folders)
            if (other != "train" && other != "test")
                layout.skipped.push_back(
                    {fs::path(other), "folder not read: with train/ and test/ only those are"});
        for (int set = 0; set < 2; ++set) {
            auto found = classesIn(root, root / (set == 0 ? "train" : "test"), layout.skipped);
            for (auto& [name, files] : found)
                if (!files.empty())
                    classes[name][std::size_t(set)] = std::move(files);
        }
    } else {
        std::map<std::string, std::vector<fs::directory_entry>> found;
        for (const std::string& name : top.folders)
            found[name] = imagesUnder(root / name, root, layout.skipped);
        for (auto& [name, files] : found)
            if (!files.empty())
                classes[name][0] = std::move(files);
        if (classes.empty()) {
            // No class folder holds an image: the folder's own images are one class.
            if (!top.images.empty()) {
                const fs::path abs = fs::absolute(root).lexically_normal();
                std::string name = abs.filename().string();
                if (name.empty())
                    name = abs.parent_path().filename().string();
                classes[name.empty() ? "images" : name][0] = top.images;
            }
        } else {
            for (const fs::directory_entry& loose : top.images)
                layout.skipped.push_back(
                    {loose.path().lexically_relative(root), "outside a class folder"});
        }
    }
    if (classes.empty())
        throw DataError("image folder " + root.string() + " holds no images: " +
                        expectedLayout(root));
    if (int(classes.size()) > kMaxClasses)
        throw DataError("image folder " + root.string() + " has " +
                        std::to_string(classes.size()) + " class folders, more than the " +
                        std::to_string(kMaxClasses) + " supported");
    for (auto& [name, sets] : classes) {
        const int label = int(layout.classNames.size());
        layout.classNames.push_back(name);
        for (int set = 0; set < 2; ++set)
            for (const fs::directory_entry& e : sets[std::size_t(set)])
                layout.files.push_back(candidate(e, root, label, split ? set : -1));
    }
    std::sort(layout.skipped.begin(), layout.skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
    return layout;
}

/// Runs work(i) for i in [0, n) on `threads` threads while the calling thread calls report(done)
/// once before the work starts and then every kProgressPeriod; when report returns false the
/// workers stop after their current item and runParallel returns false. A worker's exception is
/// rethrown here after all have stopped.
template <typename Work, typename Report>
bool runParallel(int n, int threads, Work&& work, Report&& report)
{
    if (!report(0))
        return false;
    std::atomic<int> next{0};
    std::atomic<int> done{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finished;
    int running = 0;
    std::exception_ptr failure;
    std::vector<std::thread> pool;
    const int count = std::max(1, std::min(threads, n));
    const auto worker = [&] {
            try {
                for (int i; !stop && (i = next.fetch_add(1)) < n;) {
                    work(i);
                    done.fetch_add(1);
                }
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!failure)
                    failure = std::current_exception();
                stop = true;
            }
            std::lock_guard lock(mutex);
            --running;
            finished.notify_one();
        };
    for (int t = 0; t < count; ++t) {
        {
            std::lock_guard lock(mutex);
            ++running;
        }
        try {
            pool.emplace_back(worker);
        } catch (...) { // no thread: stop the others and report it
            stop = true;
            {
                std::lock_guard lock(mutex);
                --running;
            }
            for (std::thread& started : pool)
                started.join();
            throw;
        }
    }
    bool cancelled = false;
    {
        std::unique_lock lock(mutex);
        while (!finished.wait_for(lock, kProgressPeriod, [&] { return running == 0; })) {
            lock.unlock();
            if (!cancelled && !report(done.load())) {
                cancelled = true;
                stop = true;
            }
            lock.lock();
        }
    }
    for (std::thread& t : pool)
        t.join();
    if (failure)
        std::rethrow_exception(failure);
    return !cancelled && !stop;
}

int threadCount(const ImageFolderOptions& options)
{
    if (options.threads > 0)
        return options.threads;
    return std::max(1, int(std::thread::hardware_concurrency()));
}

/// The most common shorter side, capped at kMaxDefaultFolderImageSize; ties go to the smaller.
int defaultSize(const std::vector<ImageFileInfo>& infos)
{
    std::map<int, int> counts;
    for (const ImageFileInfo& info : infos)
        if (info.error.empty())
            ++counts[std::min(info.width, info.height)];
    int best = 0, bestCount = 0;
    for (const auto& [side, n] : counts)
        if (n > bestCount) {
            best = side;
            bestCount = n;
        }
    return std::min(best, kMaxDefaultFolderImageSize);
}

bool cacheDisabledByEnvironment()
{
    const char* v = std::getenv("VAE_EXPLORER_NO_CACHE");
    return v && *v && std::string_view(v) != "0";
}

ImageSet toImageSet(const std::vector<std::uint8_t>& bytes, const std::vector<std::uint8_t>& labels,
                    int size, int channels)
{
    ImageSet set;
    set.count = int(labels.size());
    set.rows = size;
    set.cols = size;
    set.channels = channels;
    set.labels = labels;
    set.pixels.resize(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i)
        set.pixels[i] = float(bytes[i]) * (1.0f / 255.0f);
    return set;
}

void fillResult(ImageFolderResult& result, const FolderImages& images, const fs::path& root,
                const ImageFolderOptions& options)
{
    DataDescription& d = result.data.description;
    const fs::path abs = fs::absolute(root).lexically_normal();
    d.name = abs.filename().empty() ? abs.parent_path().filename().string()
                                    : abs.filename().string();
    d.source = imageFolderSpec({root, options.size});
    d.height = images.size;
    d.width = images.size;
    d.channels = images.channels;
    d.values = ValueKind::UnitInterval;
    d.classNames = images.classNames;
    result.data.train =
        toImageSet(images.trainPixels, images.trainLabels, images.size, images.channels);
    result.data.test =
        toImageSet(images.testPixels, images.testLabels, images.size, images.channels);
    result.skipped = images.skipped;
    result.splitFromFolders = images.splitFromFolders;
}

/// The key of the cache file's name: the folder and the options that change its contents.
std::uint64_t cacheKey(const fs::path& canonicalRoot, const ImageFolderOptions& options)
{
    std::uint64_t h = fnv1a64(canonicalRoot.string());
    h = fnv1a64(std::uint64_t(options.size), h);
    double fraction = options.testFraction;
    std::uint64_t fractionBits = 0;
    std::memcpy(&fractionBits, &fraction, sizeof fraction);
    h = fnv1a64(fractionBits, h);
    return fnv1a64(options.splitSeed, h);
}

std::uint64_t fingerprint(std::uint64_t key, const Layout& layout)
{
    std::uint64_t h = fnv1a64(kDecodeVersion, key);
    for (const std::string& name : layout.classNames)
        h = fnv1a64(std::string_view(name.c_str(), name.size() + 1), h);
    for (const Candidate& c : layout.files) {
        const std::string path = c.relative.generic_string();
        h = fnv1a64(std::string_view(path.c_str(), path.size() + 1), h);
        h = fnv1a64(std::uint64_t(c.label) | (std::uint64_t(c.set + 1) << 32), h);
        h = fnv1a64(std::uint64_t(c.bytes), h);
        h = fnv1a64(std::uint64_t(c.mtime), h);
    }
    for (const SkippedFile& s : layout.skipped)
        h = fnv1a64(s.path.generic_string() + '\0' + s.reason + '\0', h);
    return h;
}

std::string hex(std::uint64_t v)
{
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(v));
    return buffer;
}

/// Draws the test images of each class: the first max(1, round(n · fraction)) (at most n − 1;
/// none of a class of one) in the order of a hash of the relative path.
void drawSplit(std::vector<Candidate>& files, const std::vector<int>& usable,
               const ImageFolderOptions& options, int classCount)
{
    std::vector<std::vector<int>> byClass(static_cast<std::size_t>(classCount));
    for (int i : usable)
        byClass[std::size_t(files[std::size_t(i)].label)].push_back(i);
    const std::uint64_t key = splitmix64(options.splitSeed);
    for (std::vector<int>& members : byClass) {
        const int n = int(members.size());
        std::vector<std::pair<std::uint64_t, int>> order;
        for (int i : members)
            order.emplace_back(
                splitmix64(key ^ fnv1a64(files[std::size_t(i)].relative.generic_string())), i);
        std::sort(order.begin(), order.end(), [&](const auto& a, const auto& b) {
            return a.first != b.first ? a.first < b.first
                                      : files[std::size_t(a.second)].relative <
                                            files[std::size_t(b.second)].relative;
        });
        const int k = n < 2 ? 0
                            : std::clamp(int(std::lround(n * options.testFraction)), 1, n - 1);
        for (int j = 0; j < n; ++j)
            files[std::size_t(order[std::size_t(j)].second)].set = j < k ? 1 : 0;
    }
}

} // namespace

ImageFolderResult loadImageFolder(const fs::path& root, const ImageFolderOptions& options,
                                  const ProgressCallback& progress)
{
    if (options.size < 0 || options.size > kMaxFolderImageSize)
        throw DataError("image folder " + root.string() + ": image size " +
                        std::to_string(options.size) + " is out of range: expected 1 to " +
                        std::to_string(kMaxFolderImageSize) + " (or 0: the most common size)");
    if (!(options.testFraction > 0 && options.testFraction < 1))
        throw DataError("image folder " + root.string() + ": test fraction " +
                        std::to_string(options.testFraction) + " is not in (0, 1)");
    Layout layout = scan(root);
    ImageFolderResult result;
    const int total = int(layout.files.size());
    const auto report = [&](int done, int all) { return !progress || progress(done, all); };

    std::optional<ImageFolderCache> cache;
    if (options.useCache && !cacheDisabledByEnvironment()) {
        std::error_code ec;
        fs::path canonicalRoot = fs::canonical(root, ec);
        if (ec)
            canonicalRoot = fs::absolute(root).lexically_normal();
        const std::uint64_t key = cacheKey(canonicalRoot, options);
        const fs::path dir =
            options.cacheDir.empty() ? defaultImageFolderCacheDir() : options.cacheDir;
        cache.emplace(dir / (hex(key) + ".cache"), fingerprint(key, layout));
        result.cacheFile = cache->file();
        if (std::optional<FolderImages> cached = cache->read(result.cacheNote)) {
            fillResult(result, *cached, root, options);
            result.fromCache = true;
            (void)report(total, total);
            return result;
        }
    }

    const int threads = threadCount(options);
    std::vector<ImageFileInfo> infos(static_cast<std::size_t>(total));
    if (!runParallel(
            total, threads,
            [&](int i) {
                infos[std::size_t(i)] = probeImageFile(root / layout.files[std::size_t(i)].relative);
            },
            [&](int) { return report(0, total); })) {
        ImageFolderResult cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }
    const int size = options.size > 0 ? options.size : defaultSize(infos);
    std::vector<int> toDecode;
    std::vector<SkippedFile>& skipped = layout.skipped;
    for (int i = 0; i < total; ++i) {
        if (infos[std::size_t(i)].error.empty())
            toDecode.push_back(i);
        else
            skipped.push_back({layout.files[std::size_t(i)].relative, infos[std::size_t(i)].error});
    }

    std::vector<SquareImage> decoded(static_cast<std::size_t>(total));
    const int decodeCount = int(toDecode.size());
    if (!runParallel(
            decodeCount, threads,
            [&](int j) {
                const int i = toDecode[std::size_t(j)];
                decoded[std::size_t(i)] = decodeSquareImage(
                    root / layout.files[std::size_t(i)].relative, infos[std::size_t(i)], size);
            },
            [&](int done) { return report(done, decodeCount); })) {
        ImageFolderResult cancelled;
        cancelled.cancelled = true;
        return cancelled;
    }
    (void)report(decodeCount, decodeCount);

    std::vector<int> usable;
    bool allGrey = true;
    for (int i : toDecode) {
        const SquareImage& image = decoded[std::size_t(i)];
        if (!image.error.empty()) {
            skipped.push_back({layout.files[std::size_t(i)].relative, image.error});
            continue;
        }
        usable.push_back(i);
        allGrey = allGrey && image.channels == 1;
    }
    std::sort(skipped.begin(), skipped.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
    if (usable.size() < 2)
        throw DataError("image folder " + root.string() + " holds " +
                        std::to_string(usable.size()) + " usable image" +
                        (usable.size() == 1 ? "" : "s") + " (" + std::to_string(skipped.size()) +
                        " files skipped" +
                        (skipped.empty() ? std::string()
                                         : ", e.g. " + skipped.front().path.string() + ": " +
                                               skipped.front().reason) +
                        "): at least 2 are needed, one to train and one to test; " +
                        expectedLayout(root));
    if (!layout.splitFromFolders)
        drawSplit(layout.files, usable, options, int(layout.classNames.size()));

    FolderImages images;
    images.size = size;
    images.channels = allGrey ? 1 : 3;
    images.classNames = layout.classNames;
    images.splitFromFolders = layout.splitFromFolders;
    images.skipped = skipped;
    const std::size_t perImage = images.bytesPerImage();
    for (int i : usable) {
        const Candidate& c = layout.files[std::size_t(i)];
        SquareImage& image = decoded[std::size_t(i)];
        auto& pixels = c.set == 1 ? images.testPixels : images.trainPixels;
        (c.set == 1 ? images.testLabels : images.trainLabels).push_back(std::uint8_t(c.label));
        if (image.channels == images.channels) {
            pixels.insert(pixels.end(), image.pixels.begin(), image.pixels.end());
        } else { // a grey image among colour ones: R = G = B
            for (std::size_t p = 0; p < perImage / 3; ++p)
                pixels.insert(pixels.end(), 3, image.pixels[p]);
        }
        image.pixels = {};
    }
    for (int set = 0; set < 2; ++set)
        if ((set == 0 ? images.trainLabels : images.testLabels).empty())
            throw DataError("image folder " + root.string() + ": the " +
                            (set == 0 ? "training" : "test") + " set is empty (" +
                            (layout.splitFromFolders
                                 ? "no usable image in " + (root / (set == 0 ? "train" : "test")).string()
                                 : std::string("too few usable images")) +
                            ")");
    if (cache) {
        result.cacheNote = "rebuilt (" + result.cacheNote + ")";
        if (std::string error = cache->write(images); !error.empty())
            result.cacheNote += "; " + error;
    }
    fillResult(result, images, root, options);
    return result;
}

std::optional<ImageFolderSpec> parseImageFolderSpec(std::string_view spec)
{
    constexpr std::string_view kPrefix = "folder:";
    if (!spec.starts_with(kPrefix))
        return std::nullopt;
    std::string_view rest = spec.substr(kPrefix.size());
    ImageFolderSpec out;
    constexpr std::string_view kSize = ":size=";
    if (const std::size_t at = rest.rfind(kSize); at != std::string_view::npos) {
        const std::string_view number = rest.substr(at + kSize.size());
        int value = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
        if (number.empty() || ec != std::errc() || end != number.data() + number.size() ||
            value < 1 || value > kMaxFolderImageSize)
            throw DataError("dataset \"" + std::string(spec) + "\": size must be a whole number from 1 to " +
                            std::to_string(kMaxFolderImageSize) + ", got \"" + std::string(number) + "\"");
        out.size = value;
        rest = rest.substr(0, at);
    }
    if (rest.empty())
        throw DataError("dataset \"" + std::string(spec) +
                        "\": give the folder after \"folder:\", e.g. folder:/home/me/pictures");
    out.root = std::string(rest);
    return out;
}

std::string imageFolderSpec(const ImageFolderSpec& folder)
{
    std::string spec = "folder:" + folder.root.string();
    if (folder.size > 0)
        spec += ":size=" + std::to_string(folder.size);
    return spec;
}

fs::path defaultImageFolderCacheDir()
{
    fs::path base;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = fs::path(home) / ".cache";
    else
        base = fs::temp_directory_path();
    return base / "vae-explorer" / "folders";
}

} // namespace vae
