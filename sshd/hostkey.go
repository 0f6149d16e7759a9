package sshd

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// HostKey loads the server's private host key from path, creating an
// ed25519 key there (mode 0600, in a folder of mode 0700 when it makes
// one) when the file does not exist. created reports a new key, whose
// fingerprint users have not seen before. A key file that others may read
// is refused, as OpenSSH refuses one.
func HostKey(path string) (signer gossh.Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		signer, err = createHostKey(path)

		return signer, err == nil, err
	}

	if err != nil {
		return nil, false, fmt.Errorf("read host key %s: check its permissions, or give another with --host-key: %w", path, err)
	}

	if bytes.HasPrefix(bytes.TrimSpace(data), []byte("ssh-")) {
		return nil, false, fmt.Errorf("host key %s is a public key: give the private key file, the one without .pub", path)
	}

	info, err := os.Stat(path)
	if err != nil {
		return nil, false, fmt.Errorf("read host key %s: %w", path, err)
	}

	if info.Mode().Perm()&0o077 != 0 {
		return nil, false, fmt.Errorf("host key %s has mode %04o, so others may read it: run chmod 600 %s", path, info.Mode().Perm(), path)
	}

	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, fmt.Errorf("host key %s is not an unencrypted private key: give the file sitroom made, "+
			"or move this one aside to have a new one made, whose fingerprint users must then check again: %w", path, err)
	}

	return signer, false, nil
}

func createHostKey(path string) (gossh.Signer, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the folder of host key %s: %w", path, err)
	}

	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate host key: %w", err)
	}

	block, err := gossh.MarshalPrivateKey(priv, "sitroom host key")
	if err != nil {
		return nil, fmt.Errorf("encode host key: %w", err)
	}

	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create host key %s: %w", path, err)
	}

	if err := pem.Encode(f, block); err != nil {
		f.Close()
		os.Remove(path)

		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}

	if err := f.Close(); err != nil {
		os.Remove(path)

		return nil, fmt.Errorf("write host key %s: %w", path, err)
	}

	return gossh.NewSignerFromKey(priv)
}

// Fingerprint returns the SHA-256 fingerprint of key as ssh-keygen -l and
// the OpenSSH client print it.
func Fingerprint(key gossh.PublicKey) string {
	return gossh.FingerprintSHA256(key)
}
