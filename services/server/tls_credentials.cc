#include "services/server/tls_credentials.h"

#include <grpcpp/security/server_credentials.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/server/server.h"

namespace vendormatch {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

// A PEM file named by the option `option`.
struct PemFile {
  const char* option;
  std::string path;
  std::string text;

  absl::Status Invalid(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(option, " ", path, ": ", what));
  }
  std::unique_ptr<BIO, BioFree> Bio() const {
    return std::unique_ptr<BIO, BioFree>(
        BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
  }
};

absl::StatusOr<PemFile> Read(const char* option, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  if (!in) {
    return absl::FailedPreconditionError(absl::StrCat(option, " ", path, ": cannot read the file"));
  }
  return PemFile{option, path, text.str()};
}

// The first certificate of `file`; INVALID_ARGUMENT when it has none.
absl::StatusOr<std::unique_ptr<X509, X509Free>> FirstCertificate(const PemFile& file) {
  std::unique_ptr<X509, X509Free> cert(
      PEM_read_bio_X509(file.Bio().get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!cert) return file.Invalid("no PEM certificate in it");
  return cert;
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> ServerCredentialsFor(
    const TlsOptions& tls) {
  if (!tls.enabled()) {
    if (!tls.key_file.empty() || !tls.client_ca_file.empty()) {
      return absl::InvalidArgumentError(
          "tls_key_file and tls_client_ca_file need tls_cert_file (the server certificate)");
    }
    return grpc::InsecureServerCredentials();
  }
  if (tls.key_file.empty()) {
    return absl::InvalidArgumentError("tls_cert_file is set but tls_key_file is not");
  }
  auto cert_file = Read("tls_cert_file", tls.cert_file);
  if (!cert_file.ok()) return cert_file.status();
  auto key_file = Read("tls_key_file", tls.key_file);
  if (!key_file.ok()) return key_file.status();
  auto cert = FirstCertificate(*cert_file);
  if (!cert.ok()) return cert.status();
  std::unique_ptr<EVP_PKEY, KeyFree> key(
      PEM_read_bio_PrivateKey(key_file->Bio().get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!key) return key_file->Invalid("no PEM private key in it (or it is encrypted)");
  if (X509_check_private_key(cert->get(), key.get()) != 1) {
    ERR_clear_error();
    return key_file->Invalid(
        absl::StrCat("the key does not match the certificate in tls_cert_file ", tls.cert_file));
  }

  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back({key_file->text, cert_file->text});
  if (!tls.client_ca_file.empty()) {
    auto ca_file = Read("tls_client_ca_file", tls.client_ca_file);
    if (!ca_file.ok()) return ca_file.status();
    if (auto ca = FirstCertificate(*ca_file); !ca.ok()) return ca.status();
    options.pem_root_certs = ca_file->text;
    options.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(options);
}

}  // namespace vendormatch
