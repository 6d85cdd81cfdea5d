/** Deploys through the playground API and refreshes what the editors show. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DeployRequest } from '../../shared/playground-api-types.js';
import { deploy, playgroundStateQuery } from './playground-api.js';

export function useDeploy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: DeployRequest) => deploy(request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: playgroundStateQuery.queryKey }),
  });
}
