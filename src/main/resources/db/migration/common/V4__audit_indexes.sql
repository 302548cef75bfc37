-- Keyset pages of the audit list filter by chain or actor and walk id downwards.
create index ix_audit_chain_id on audit_event (chain_id, id);
create index ix_audit_actor_id on audit_event (actor, id);
