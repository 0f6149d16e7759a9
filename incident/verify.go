package incident

import "context"

// Verify recomputes the incident's hash chain and returns its seal. When
// the chain is broken the error is a *ChainError naming the first entry
// that does not match. When the chain verifies but a record beside it
// disagrees with it (see checkRecords), the error is a *RecordError.
func (s *Service) Verify(ctx context.Context, ref string) (Seal, error) {
	var seal Seal

	err := s.store.Read(ctx, func(r Reader) error {
		inc, err := resolveIncident(ctx, r, ref)
		if err != nil {
			return err
		}

		seal.Ref = inc.Ref
		seal.At = s.Now()
		v := NewChainVerifier(inc.Ref)

		// Stream rather than load, so verifying a long timeline needs
		// little memory.
		var first *Entry

		err = r.ScanEntries(ctx, EntryQuery{IncidentID: inc.ID, Order: BySeq}, func(e *Entry) error {
			if first == nil {
				copied := *e
				first = &copied
			}

			return v.Check(e)
		})
		seal.Entries, seal.Head = v.Count(), v.Head()

		if err != nil {
			return err
		}

		return checkRecords(ctx, r, inc, first, seal.Entries)
	})

	return seal, err
}

// SealOf returns the incident's seal as stored, without recomputing the
// chain. Use Verify where the seal must be proven.
func (s *Service) SealOf(ctx context.Context, ref string) (Seal, error) {
	var seal Seal

	err := s.store.Read(ctx, func(r Reader) error {
		inc, err := resolveIncident(ctx, r, ref)
		if err != nil {
			return err
		}

		seq, head, err := r.ChainHead(ctx, inc.ID)
		seal = Seal{Ref: inc.Ref, Entries: seq, Head: head, At: s.Now()}

		return err
	})

	return seal, err
}
