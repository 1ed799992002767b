// gRPC server credentials from ServerOptions::tls: plain text, TLS, or mutual
// TLS, with the PEM files checked first so a bad one is named at start.
#pragma once

#include <grpcpp/security/server_credentials.h>

#include <memory>

#include "absl/status/statusor.h"

namespace vendormatch {

struct TlsOptions;

// Insecure credentials when `tls` is not enabled; else SSL credentials with
// the certificate chain and key, and, when client_ca_file is set, clients
// required to present a certificate that CA bundle verifies. Reads the files
// now. Errors name the option (tls_cert_file, tls_key_file,
// tls_client_ca_file) and the path: FAILED_PRECONDITION when a file cannot
// be read; INVALID_ARGUMENT when it holds no valid PEM certificate or key,
// when the key does not match the certificate, or when tls_key_file or
// tls_client_ca_file is given without what it needs. Thread-safe.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const TlsOptions& tls);

}  // namespace vendormatch
