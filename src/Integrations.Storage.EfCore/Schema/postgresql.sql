CREATE TABLE IF NOT EXISTS integration (
    id uuid NOT NULL,
    name character varying(255) NOT NULL,
    normalized_name character varying(255) NOT NULL,
    email character varying(255),
    callback_url character varying(2048),
    identity_link_url character varying(2048),
    resource_access integer NOT NULL,
    resources text NOT NULL,
    status integer NOT NULL,
    setup_type integer NOT NULL,
    bearer_token_allowed boolean NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    concurrency_token character varying(64) NOT NULL,
    consumer_key character varying(32) NOT NULL,
    protected_consumer_secret character varying(512) NOT NULL,
    exchange_started_at bigint,
    verifier_hash character varying(64),
    exchanged_request_token_hash character varying(64),
    CONSTRAINT pk_integration PRIMARY KEY (id)
);


CREATE TABLE IF NOT EXISTS integration_nonce (
    integration_id uuid NOT NULL,
    nonce_key uuid NOT NULL,
    expires_at bigint NOT NULL,
    CONSTRAINT pk_integration_nonce PRIMARY KEY (integration_id, nonce_key)
);


CREATE TABLE IF NOT EXISTS integration_token (
    integration_id uuid NOT NULL,
    type integer NOT NULL,
    token_hash character varying(64) NOT NULL,
    protected_value character varying(512) NOT NULL,
    protected_secret character varying(512) NOT NULL,
    issued_at bigint NOT NULL,
    CONSTRAINT pk_integration_token PRIMARY KEY (integration_id),
    CONSTRAINT fk_integration_token_integration FOREIGN KEY (integration_id) REFERENCES integration (id) ON DELETE CASCADE
);


CREATE UNIQUE INDEX IF NOT EXISTS ux_integration_consumer_key ON integration (consumer_key);


CREATE UNIQUE INDEX IF NOT EXISTS ux_integration_normalized_name ON integration (normalized_name);


CREATE INDEX IF NOT EXISTS ix_integration_nonce_expires_at ON integration_nonce (expires_at);


CREATE UNIQUE INDEX IF NOT EXISTS ux_integration_token_token_hash ON integration_token (token_hash);


