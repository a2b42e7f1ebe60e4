CREATE TABLE IF NOT EXISTS "integration" (
    "id" TEXT NOT NULL CONSTRAINT "pk_integration" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "normalized_name" TEXT NOT NULL,
    "email" TEXT NULL,
    "callback_url" TEXT NULL,
    "identity_link_url" TEXT NULL,
    "resource_access" INTEGER NOT NULL,
    "resources" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "setup_type" INTEGER NOT NULL,
    "bearer_token_allowed" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "concurrency_token" TEXT NOT NULL,
    "consumer_key" TEXT NOT NULL,
    "protected_consumer_secret" TEXT NOT NULL,
    "exchange_started_at" INTEGER NULL,
    "verifier_hash" TEXT NULL,
    "exchanged_request_token_hash" TEXT NULL
);


CREATE TABLE IF NOT EXISTS "integration_nonce" (
    "integration_id" TEXT NOT NULL,
    "nonce_key" TEXT NOT NULL,
    "expires_at" INTEGER NOT NULL,
    CONSTRAINT "pk_integration_nonce" PRIMARY KEY ("integration_id", "nonce_key")
);


CREATE TABLE IF NOT EXISTS "integration_token" (
    "integration_id" TEXT NOT NULL CONSTRAINT "pk_integration_token" PRIMARY KEY,
    "type" INTEGER NOT NULL,
    "token_hash" TEXT NOT NULL,
    "protected_value" TEXT NOT NULL,
    "protected_secret" TEXT NOT NULL,
    "issued_at" INTEGER NOT NULL,
    CONSTRAINT "fk_integration_token_integration" FOREIGN KEY ("integration_id") REFERENCES "integration" ("id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX IF NOT EXISTS "ux_integration_consumer_key" ON "integration" ("consumer_key");


CREATE UNIQUE INDEX IF NOT EXISTS "ux_integration_normalized_name" ON "integration" ("normalized_name");


CREATE INDEX IF NOT EXISTS "ix_integration_nonce_expires_at" ON "integration_nonce" ("expires_at");


CREATE UNIQUE INDEX IF NOT EXISTS "ux_integration_token_token_hash" ON "integration_token" ("token_hash");


