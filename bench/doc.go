// Package bench compares loggen with other Go logging libraries. It is a
// module of its own so that users of github.com/loggen/loggen never download
// the libraries it is compared with. See README.md.
package bench

//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs/logs_gen.go
