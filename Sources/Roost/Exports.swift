@_exported public import ArgumentParser
@_exported public import HTTPTypes
@_exported public import RoostHTTP
