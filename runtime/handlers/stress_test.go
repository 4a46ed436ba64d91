package handlers

import "os"

// The stress and fault tests (rotation under concurrent writers, receivers
// killed and restarted, processes killed mid-flow, full disks, queues in drop
// mode) run at reduced counts in go test ./..., and fuller when
// LOGGEN_STRESS=1, which .ci/run sets.

// stressN returns short, or full when LOGGEN_STRESS=1 asks for the fuller
// stress runs.
func stressN(short, full int) int {
	if os.Getenv("LOGGEN_STRESS") == "1" {
		return full
	}
	return short
}
