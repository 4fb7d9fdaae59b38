#!/usr/bin/env bash
# Terraform 1.x errors with only the built-in provider (no registry access),
# domain "terraform".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
unset TF_CLI_CONFIG_FILE
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION= TF_INPUT=0

tfdir() { fresh "$1"; cat >main.tf; }
tfinit() { terraform init -no-color >/dev/null 2>&1; }

c_undeclared() {
    tfdir tf-undeclared <<'EOF'
resource "terraform_data" "ledger_bucket" {
  input = "tallyhub-ledger-eu-north-1"
}

output "bucket_name" {
  value = terraform_data.ledger_bucket_eu.output
}
EOF
    tfinit
    terraform validate
}

c_cycle() {
    tfdir tf-cycle <<'EOF'
resource "terraform_data" "app_sg" {
  input = { allow_from = terraform_data.db_sg.id }
}

resource "terraform_data" "db_sg" {
  input = { allow_from = terraform_data.app_sg.id }
}
EOF
    tfinit
    terraform plan
}

c_count_foreach() {
    tfdir tf-count-foreach <<'EOF'
variable "queues" {
  default = ["invoices", "payouts", "refunds"]
}

resource "terraform_data" "queue" {
  count    = length(var.queues)
  for_each = toset(var.queues)
  input    = each.key
}
EOF
    tfinit
    terraform validate
}

c_unsupported_attr() {
    tfdir tf-attr <<'EOF'
resource "terraform_data" "release" {
  input = "ledger-api-2.8.1"
}

output "release_arn" {
  value = terraform_data.release.arn
}
EOF
    tfinit
    terraform validate
}

c_module_not_installed() {
    tfdir tf-module <<'EOF'
module "network" {
  source = "./modules/network"
  cidr   = "10.42.0.0/16"
}
EOF
    mkdir -p modules/network
    echo 'variable "cidr" {}' >modules/network/variables.tf
    terraform plan
}

c_state_lock() {
    tfdir tf-lock <<'EOF'
resource "terraform_data" "migration" {
  input = "2024-10-31"
  provisioner "local-exec" {
    command = "sleep 6"
  }
}
EOF
    tfinit
    terraform apply -auto-approve >/dev/null 2>&1 &
    local pid=$!
    sleep 2
    terraform plan -lock-timeout=0s
    wait $pid
}

c_prevent_destroy() {
    tfdir tf-prevent <<'EOF'
resource "terraform_data" "ledger_db" {
  input            = "ledger-prod"
  triggers_replace = ["engine-15"]
  lifecycle {
    prevent_destroy = true
  }
}
EOF
    tfinit
    terraform apply -auto-approve >/dev/null 2>&1
    # an engine upgrade forces replacement of the protected resource
    sed -i 's/engine-15/engine-16/' main.tf
    terraform plan
}

c_backend_changed() {
    tfdir tf-backend <<'EOF'
terraform {
  backend "local" {
    path = "state/terraform.tfstate"
  }
}
resource "terraform_data" "x" {
  input = 1
}
EOF
    tfinit
    sed -i 's#state/terraform.tfstate#state/prod-eu/terraform.tfstate#' main.tf
    terraform plan
}

cap terraform tf-reference-to-undeclared-resource c_undeclared
cap terraform tf-cycle c_cycle
cap terraform tf-count-and-for-each c_count_foreach
cap terraform tf-unsupported-attribute c_unsupported_attr
cap terraform tf-module-not-installed c_module_not_installed
cap terraform tf-state-lock c_state_lock
cap terraform tf-prevent-destroy c_prevent_destroy
cap terraform tf-backend-initialization-required c_backend_changed
