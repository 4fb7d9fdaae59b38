#!/usr/bin/env bash
# CMake 3.25 configure/build/test errors, domain "cmake".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

cm_project() { # dir ; writes a minimal C++ source, CMakeLists comes from stdin
    fresh "$1"
    mkdir -p src
    echo 'int main() { return 0; }' >src/main.cpp
    cat >CMakeLists.txt
}

c_find_config() {
    cm_project logship <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(logship LANGUAGES CXX)
find_package(fmt 10 REQUIRED)
add_executable(logship src/main.cpp)
target_link_libraries(logship PRIVATE fmt::fmt)
EOF
    cmake -S . -B build
}

c_find_module() {
    cm_project uploader <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(uploader LANGUAGES C CXX)
find_package(CURL 7.80 REQUIRED)
add_executable(uploader src/main.cpp)
target_link_libraries(uploader PRIVATE CURL::libcurl)
EOF
    cmake -S . -B build
}

c_add_subdir() {
    cm_project geo-engine <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(geo-engine LANGUAGES CXX)
add_subdirectory(third_party/s2geometry)
add_executable(geo-engine src/main.cpp)
EOF
    mkdir -p third_party/s2geometry   # submodule never initialised
    cmake -S . -B build
}

c_version_old() {
    cm_project stream-proc <<'EOF'
cmake_minimum_required(VERSION 3.28)
project(stream-proc LANGUAGES CXX)
add_executable(stream-proc src/main.cpp)
EOF
    cmake -S . -B build
}

c_link_unknown() {
    cm_project ringbuf-lib <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(ringbuf LANGUAGES CXX)
add_library(ringbuf STATIC src/main.cpp)
target_link_libraries(ringbuf_tests PRIVATE ringbuf)
EOF
    cmake -S . -B build
}

c_generator() {
    cm_project win-port <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(win-port LANGUAGES CXX)
add_executable(win-port src/main.cpp)
EOF
    cmake -S . -B build -G "Visual Studio 17 2022" -A x64
}

c_compiler() {
    cm_project cross-arm <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(cross-arm LANGUAGES CXX)
add_executable(cross-arm src/main.cpp)
EOF
    CXX=/opt/toolchains/gcc-arm-13.2/bin/aarch64-none-linux-gnu-g++ cmake -S . -B build
}

c_genex() {
    cm_project featureflags <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(featureflags LANGUAGES CXX)
option(WITH_TRACING "tracing" ON)
add_executable(featureflags src/main.cpp)
target_compile_definitions(featureflags PRIVATE $<IF:$<BOOL:${WITH_TRACING}>,TALLY_TRACE=1>)
EOF
    cmake -S . -B build
}

c_unused_vars() {
    cm_project metrics-exporter <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(metrics-exporter LANGUAGES CXX)
option(ENABLE_PROMETHEUS "export prometheus" OFF)
add_executable(metrics-exporter src/main.cpp)
EOF
    cmake -S . -B build -DENABLE_PROMETEUS=ON -DTALLY_USE_JEMALLOC=ON
}

c_cxx17() {
    cm_project quote-cache <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(quote-cache LANGUAGES CXX)
add_library(quotecore STATIC src/cache.cpp)
target_compile_features(quotecore PUBLIC cxx_std_11)
add_executable(quote-cache src/main.cpp)
target_link_libraries(quote-cache PRIVATE quotecore)
EOF
    cat >src/cache.cpp <<'EOF'
#include <optional>
#include <string>
#include <unordered_map>

static std::unordered_map<std::string, double> quotes{{"EURNOK", 11.71}};

std::optional<double> lookup(const std::string &pair) {
    auto it = quotes.find(pair);
    if (it == quotes.end()) return std::nullopt;
    return it->second;
}
EOF
    cmake -S . -B build -DCMAKE_CXX_STANDARD=11 >/dev/null && cmake --build build
}

c_ctest() {
    cm_project iban-check <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(iban-check LANGUAGES CXX)
enable_testing()
add_executable(iban_test src/iban_test.cpp)
add_test(NAME iban.valid_de COMMAND iban_test DE89370400440532013000)
add_test(NAME iban.valid_no COMMAND iban_test NO9386011117947)
add_test(NAME iban.valid_mt COMMAND iban_test MT84MALT011000012345MTLCAST001S)
EOF
    cat >src/iban_test.cpp <<'EOF'
#include <cstdio>
#include <cstring>
int main(int argc, char **argv) {
    const char *iban = argv[1];
    size_t n = std::strlen(iban);
    if (n < 15 || n > 30) {               // bug: max IBAN length is 34
        std::fprintf(stderr, "length check failed for %s (%zu)\n", iban, n);
        return 1;
    }
    return 0;
}
EOF
    cmake -S . -B build >/dev/null && cmake --build build >/dev/null && cd build && ctest --output-on-failure
}

c_policy() {
    cm_project vendor-wrap <<'EOF'
cmake_minimum_required(VERSION 3.10)
project(vendor-wrap LANGUAGES CXX)
set(TINYJSON_BUILD_TESTS OFF)
add_subdirectory(third_party/tinyjson)
add_executable(vendor-wrap src/main.cpp)
EOF
    mkdir -p third_party/tinyjson
    cat >third_party/tinyjson/CMakeLists.txt <<'EOF'
cmake_minimum_required(VERSION 3.10)
project(tinyjson CXX)
option(TINYJSON_BUILD_TESTS "Build tinyjson tests" ON)
message(STATUS "tinyjson tests: ${TINYJSON_BUILD_TESTS}")
EOF
    cmake -S . -B build
}

c_include_missing() {
    cm_project coverage-app <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(coverage-app LANGUAGES CXX)
list(APPEND CMAKE_MODULE_PATH ${CMAKE_SOURCE_DIR}/cmake)
include(CodeCoverage)
add_executable(coverage-app src/main.cpp)
EOF
    cmake -S . -B build
}

c_pkgconfig() {
    cm_project event-loop <<'EOF'
cmake_minimum_required(VERSION 3.20)
project(event-loop LANGUAGES C CXX)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBUV REQUIRED IMPORTED_TARGET libuv>=1.44)
add_executable(event-loop src/main.cpp)
target_link_libraries(event-loop PRIVATE PkgConfig::LIBUV)
EOF
    cmake -S . -B build
}

cap cmake cmake-find-package-config-fmt c_find_config
cap cmake cmake-could-not-find-curl c_find_module
cap cmake cmake-add-subdirectory-no-cmakelists c_add_subdir
cap cmake cmake-minimum-version-too-new c_version_old
cap cmake cmake-link-target-not-built c_link_unknown
cap cmake cmake-generator-visual-studio c_generator
cap cmake cmake-cxx-compiler-not-found c_compiler
cap cmake cmake-generator-expression-if c_genex
cap cmake cmake-manually-specified-unused c_unused_vars
cap cmake cmake-build-optional-cxx11 c_cxx17
cap cmake ctest-failed-iban c_ctest
cap cmake cmake-policy-cmp0077 c_policy
cap cmake cmake-include-codecoverage-missing c_include_missing
cap cmake cmake-pkg-check-modules-libuv c_pkgconfig
