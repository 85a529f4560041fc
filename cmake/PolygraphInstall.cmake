include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS polygraph EXPORT polygraphTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY include/polygraph DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET polygraph_cli)
  install(TARGETS polygraph_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(EXPORT polygraphTargets NAMESPACE polygraph::
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/polygraph)
configure_package_config_file(cmake/polygraphConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/polygraphConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/polygraph)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/polygraphConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/polygraphConfig.cmake
  ${CMAKE_CURRENT_BINARY_DIR}/polygraphConfigVersion.cmake
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/polygraph)
