# vendormatch_add_plugin(<target> NAME <plugin name> SOURCES <src>...)
#
# Builds a plugin as a shared library named vm_<plugin name>.so, exporting
# only the entry point, against the SDK headers and the Abseil and Protobuf
# the server uses. Used in-tree and by out-of-tree plugins through
# find_package(VendormatchPluginSdk).
find_package(absl CONFIG REQUIRED)
find_package(Protobuf REQUIRED)

if(NOT TARGET vendormatch_plugin_sdk)
  add_library(vendormatch_plugin_sdk INTERFACE)
  target_include_directories(vendormatch_plugin_sdk INTERFACE "${VENDORMATCH_PLUGIN_SDK_INCLUDE_DIR}")
  target_include_directories(vendormatch_plugin_sdk SYSTEM INTERFACE ${Protobuf_INCLUDE_DIRS})
  target_link_libraries(vendormatch_plugin_sdk INTERFACE absl::status absl::statusor absl::strings
                                                         absl::str_format absl::time)
  target_compile_features(vendormatch_plugin_sdk INTERFACE cxx_std_20)
endif()

function(vendormatch_add_plugin target)
  cmake_parse_arguments(arg "" "NAME;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT arg_NAME OR NOT arg_SOURCES)
    message(FATAL_ERROR "vendormatch_add_plugin(${target}): NAME and SOURCES are required")
  endif()
  add_library(${target} MODULE ${arg_SOURCES})
  target_link_libraries(${target} PRIVATE vendormatch_plugin_sdk)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror)
  set_target_properties(${target} PROPERTIES
    PREFIX "" OUTPUT_NAME "vm_${arg_NAME}"
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  if(arg_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}")
  endif()
endfunction()
