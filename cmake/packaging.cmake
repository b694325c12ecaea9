# Packaging: the man page and the shell completions for `cmake --install`,
# and the Debian package built by `cpack -G DEB` from the build directory.
# Included from the top CMakeLists.txt after the qexplain target and the data
# directories are installed.

# The man page goes in gzip'd (Debian policy 12.1, `gzip -9n`: no name, no
# timestamp, so the package is reproducible) when gzip is available.
set(QX_MAN_SOURCE ${CMAKE_CURRENT_SOURCE_DIR}/docs/qexplain.1)
find_program(QX_GZIP gzip)
if(QX_GZIP)
  set(QX_MAN_GZ ${CMAKE_CURRENT_BINARY_DIR}/qexplain.1.gz)
  add_custom_command(OUTPUT ${QX_MAN_GZ}
    COMMAND ${QX_GZIP} -9n -c ${QX_MAN_SOURCE} > ${QX_MAN_GZ}
    DEPENDS ${QX_MAN_SOURCE}
    COMMENT "compressing the man page"
    VERBATIM)
  add_custom_target(qexplain_man ALL DEPENDS ${QX_MAN_GZ})
  install(FILES ${QX_MAN_GZ} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  install(FILES ${QX_MAN_SOURCE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

# bash-completion loads completions/NAME on demand from this directory.
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/completions/qexplain.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME qexplain)
# Debian's zsh has /usr/share/zsh/vendor-completions on $fpath.
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/completions/_qexplain
  DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE ${CMAKE_CURRENT_SOURCE_DIR}/README.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR})

# CPack: `cpack -G DEB` in the build directory writes qexplain_VERSION_ARCH.deb.
set(CPACK_PACKAGE_NAME qexplain)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "qexplain")
# A placeholder address (.invalid is reserved, RFC 2606): set QX_DEB_MAINTAINER
# to the real one when publishing a package.
set(QX_DEB_MAINTAINER "qexplain maintainers <maintainers@qexplain.invalid>"
  CACHE STRING "Maintainer field of the .deb")
set(CPACK_PACKAGE_CONTACT "${QX_DEB_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "Chinese explainers of LLM quantization from a cited fact base")
set(CPACK_PACKAGE_DESCRIPTION
  "qexplain turns the house style of WeChat Official Account explainers into software:
it generates Chinese articles about large-language-model quantization from a fact base
in which every figure is cited, lints drafts against the same rules, regenerates
articles when a fact changes, and runs GGUF quantization experiments.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The runtime libraries of the Debian 12 -dev packages in .ci/packages.txt.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libc6, libyaml-0-2, libcjson1, libpcre2-8-0, libunistring2, libnettle8")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion, chromium")
include(CPack)
