Feature: Deployment (tutorial section 3)
  A Deployment manages ReplicaSets, which manage pods: a template change makes a new ReplicaSet
  and moves pods to it as the strategy allows; the old ReplicaSets stay for rollbacks. The
  tutorial's kubectl 1.11 printed `deployment.extensions/...` and the old `get deploy` columns
  (DESIRED CURRENT UP-TO-DATE AVAILABLE); kubectl 1.32 prints `deployment.apps/...` and
  NAME READY UP-TO-DATE AVAILABLE AGE, and pod-template-hash values are short strings such as
  `5d9c7b6f8d`, no longer the decimal numbers in the tutorial's `get rs -o wide`.

  Background:
    Given the tutorial cluster

  @DEP-1 @CTRL-2
  Scenario: A Deployment makes a ReplicaSet, which makes the pods
    When I run "kubectl apply -f deploy-damo.yaml"
    Then the output is "deployment.apps/myapp-deploy created"
    When 14 seconds pass
    And I run "kubectl get deploy"
    Then the output is:
      """
      NAME           READY   UP-TO-DATE   AVAILABLE   AGE
      myapp-deploy   2/2     2            2           14s
      """
    When I run "kubectl get rs"
    Then the output shows:
      | NAME                | DESIRED | CURRENT | READY | AGE |
      | myapp-deploy-{hash} | 2       | 2       | 2     | 14s |
    When I run "kubectl get pods"
    Then the output shows:
      | NAME                         | READY | STATUS  | RESTARTS | AGE |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Running | 0        | 14s |
      | myapp-deploy-{hash}-{suffix} | 1/1   | Running | 0        | 14s |
    And the ReplicaSet of deployment "myapp-deploy" is owned by it
