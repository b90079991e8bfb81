Feature: Bad input gets kubectl's own message and changes nothing
  What a new user tries first: a broken YAML file, a misspelt kind, a manifest without its
  kind, a ReplicaSet whose selector does not match its template, creating something twice, and
  deleting something that is not there. Each gets the message kubectl 1.32 prints, and the
  cluster stays as it was.

  Background:
    Given the tutorial cluster

  @CLI-1
  Scenario: Rejected manifests leave the cluster as it was
    Given I note the state of the cluster
    When I run "kubectl create -f broken-indent.yaml"
    Then the command fails with "error: error parsing broken-indent.yaml: error converting YAML to JSON: yaml: line 10: mapping values are not allowed in this context"
    When I run "kubectl create -f unknown-kind.yaml"
    Then the command fails with:
      """
      error: resource mapping not found for name: "typo" namespace: "" from "unknown-kind.yaml": no matches for kind "Pood" in version "v1"
      ensure CRDs are installed first
      """
    When I run "kubectl create -f no-kind.yaml"
    Then the command fails with:
      """
      error: error validating "no-kind.yaml": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false
      """
    When I run "kubectl create -f rs-mismatch.yaml"
    Then the command fails with:
      """
      The ReplicaSet "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"myapp"}: `selector` does not match template `labels`
      """
    When I run "kubectl delete pod ghost"
    Then the command fails with:
      """
      Error from server (NotFound): pods "ghost" not found
      """
    When I run "kubectl get pods,rs"
    Then the error output is "No resources found in default namespace."
    And the cluster is unchanged

  @CLI-1
  Scenario: Creating an object that exists fails; the original is untouched
    When I run "kubectl create -f ../replicaset/rs-damo.yaml"
    And the cluster settles
    Given I note the state of the cluster
    When I run "kubectl create -f ../replicaset/rs-damo.yaml"
    Then the command fails with:
      """
      Error from server (AlreadyExists): error when creating "../replicaset/rs-damo.yaml": replicasets.apps "myapp" already exists
      """
    And the cluster is unchanged

  @CLI-1
  Scenario: Unknown resource types and flags
    When I run "kubectl get pood"
    Then the command fails with:
      """
      error: the server doesn't have a resource type "pood"
      """
    When I run "kubectl get pods --colour=always"
    Then the command fails with:
      """
      error: unknown flag: --colour
      See 'kubectl get --help' for usage.
      """
    When I run "kubectl get pods -l 'app in myapp'"
    Then the command fails with:
      """
      Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in myapp", field selector "": unable to parse requirement: found 'myapp' expected: '('
      """
