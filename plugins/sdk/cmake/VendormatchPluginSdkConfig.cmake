# Installed package file: find_package(VendormatchPluginSdk) from a plugin's
# own CMake project gives vendormatch_add_plugin() and the SDK headers.
get_filename_component(VENDORMATCH_PLUGIN_SDK_INCLUDE_DIR
                       "${CMAKE_CURRENT_LIST_DIR}/../../../include" ABSOLUTE)
include("${CMAKE_CURRENT_LIST_DIR}/VendormatchPluginSdk.cmake")
